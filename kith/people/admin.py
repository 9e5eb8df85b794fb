# People are managed through Kith's own pages (with audit and duplicate checks), not the admin.
