// GOV.UK Frontend styles some components only when JavaScript runs. Its template does this with
// an inline script; Kith's content security policy allows no inline scripts, so it lives here.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
