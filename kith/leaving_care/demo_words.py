"""What the demo's care leavers and their advisers write: contact notes, the needs assessment
and the pathway plan, mostly in the young person's own words, plain and kind."""

from __future__ import annotations

# How they are, in their words, at a contact: while still in care, then after.
IN_CARE = [
    "\"College is OK. I'm tired in the mornings but I'm getting there.\"",
    "\"I want to talk about where I'll live after 18. I don't want to be far from my sister.\"",
    '"Can you help me open a bank account? The carers said you would."',
    '"I\'m doing my provisional licence form. Do I need my birth certificate?"',
    '"My placement\'s fine. I just want more say in when I see my mum."',
]
AFTER = [
    '"Money ran out before payday again. Can we go through the budget together?"',
    "\"The flat's good. The neighbours are loud but I'm sorting it.\"",
    '"Work gave me more shifts, so that\'s better. Still tired though."',
    '"I\'ve got my exams in May. I need a quiet place to revise."',
    '"The GP referred me to the talking therapy. First one is next week."',
    '"I saw my brother at the weekend. It was nice, we went for food."',
    '"Universal Credit got stopped and I don\'t know why. Can you ring them with me?"',
    "\"I'm fine. Just busy. Text me instead of calling, I'm at work.\"",
    '"I passed my driving theory! Practical is booked for March."',
    "\"The boiler's broken again and the landlord isn't answering.\"",
    "\"I've been feeling low. I haven't been going out much.\"",
    '"Can I use the leaving care grant for a washing machine?"',
    '"Me and my girlfriend are doing good. We\'re thinking about getting a cat."',
    '"I went to see my old carers on Sunday. They made me a roast."',
    '"I got the job at the garage! I start on Monday."',
    '"I need a letter for the housing office saying I was in care."',
]
TRIED = "Rang twice and sent a text; no answer. Will try through the college tomorrow."

# The needs assessment.
NEED_WORDS = [
    '"I want to stay where I am until I finish college. Then I want my own flat, near my '
    "friends. I'm worried about money and doing forms on my own.\"",
    "\"I'd like to learn to cook properly and know how bills work. I want to be a mechanic "
    'and I need help finding an apprenticeship."',
    "\"I don't want lots of people in my business. I want one person I can ring when things "
    'go wrong, and help with my anxiety."',
]
NEEDS = (
    "Home: settled where they live now; needs a plan for moving on. Money: no bank account "
    "yet; help with budgeting and the leaving care grant. Health: registered with a GP and a "
    "dentist; some low mood, to be talked through with the GP. Learning and work: at college, "
    "attendance good. Family and friends: sees a sibling monthly; wants more contact with "
    "mum on their own terms."
)
OTHERS = (
    "The carers say they are kind, funny and more independent than they were a year ago. "
    "College says attendance is good and they are on track to pass."
)

# The pathway plan, by section; {name} is the young person.
ABOUT = [
    "\"I'm {name}. I like football, music and my dog. I want to finish my course and get a "
    'job, and have my own place one day."',
    "\"I'm {name}. I'm quiet until I know people. I want to be a nurse and I want to live "
    'near my nan."',
    "\"I'm {name}. I like art and I'm good with little kids. I want a job where I help "
    'people and a flat that feels like home."',
]
HOME = {
    "care": "I live with my carers now. I want to stay until I'm 18 and move into supported "
    "lodgings near college.",
    "staying_put": "I'm staying put with my carers. We've agreed I stay until I finish my "
    "course, then look at a flat.",
    "staying_close": "I live in a flat close to the children's home, and can pop in to see "
    "the staff I know.",
    "own": "I've got my own tenancy now. I need help to keep on top of the bills.",
}
LEARNING = [
    "At college doing a level 2 in motor vehicle. Attendance good. Apprenticeship "
    "applications in the spring.",
    "Working part-time at a supermarket and looking for full-time work. Careers adviser "
    "booked for next month.",
    "First year at university, living in halls. Holiday accommodation agreed with the "
    "leaving care team.",
]
MONEY = (
    "Setting up a bank account and a monthly budget together. The leaving care grant to "
    "furnish the flat when they move. Council tax exemption applied for."
)
HEALTH = (
    "Registered with a GP and a dentist. Has copies of their health history. Talking "
    "therapy offered for low mood; they will think about it."
)
FAMILY = '"I see my brother most weekends. I\'ll see my mum when I want to, not on a rota."'
SUPPORT = (
    "Personal adviser in touch at least every 8 weeks, more when they move. They know they "
    "can ring the duty line out of hours."
)
WRONG = (
    "\"If things go wrong I'll ring my PA, or the duty line if it's late. If I lose my "
    'flat I know I can come back to you for help."'
)
