from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "thesisdesk.documents"
    label = "documents"

    def ready(self) -> None:
        # The sync engine writes the guideline files to Moodle with the rest of the course.
        from thesisdesk.documents import moodle
        from thesisdesk.moodle.sync import desired, files

        desired.guideline_files = moodle.desired_files
        files.register(source=moodle.open_file, recorder=moodle.record)
