"""ThesisDesk: thesis administration for universities that run Moodle."""
