"""One module per assignment with a feedback picture: ``build(student, reference) -> Chart``."""
