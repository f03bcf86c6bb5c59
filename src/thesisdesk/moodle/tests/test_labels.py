from django.utils import translation

from thesisdesk.moodle.templatetags.moodle_labels import change_label


def test_change_counts_read_as_words_in_both_languages():
    with translation.override("fr"):
        assert change_label("create group") == "Groupes à créer"
        assert change_label("enrol enrolment") == "Inscriptions à ajouter"
        assert change_label("delete resource") == "Fichiers de consignes à supprimer"
    with translation.override("en"):
        assert change_label("update assignment") == "Deposit assignments to update"
    assert change_label("frobnicate widget") == "frobnicate widget"  # unknown: as is


def test_drift_reads_as_words():
    from thesisdesk.moodle.templatetags.moodle_labels import drift_change, drift_value, kind_label

    with translation.override("fr"):
        assert kind_label("section") == "section de mémoire"
        assert drift_change("hidden") == "masqué"
        assert drift_value(False, "visible") == "masqué"
        assert drift_value(1, "visible") == "visible"
        assert drift_value(False, "exists") == "supprimé"
        assert drift_value("Nouveau nom", "name") == "Nouveau nom"
