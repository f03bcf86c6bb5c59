"""Demo data: a French master's campaign a newcomer can explore right after `make run`.

`demo_load()` is deterministic (seeded) and idempotent: a second call finds the campaign
and changes nothing. It writes through the domain services, so the demo has a real audit
trail. Every demo account's password is "demo" (see DEMO_ACCOUNTS).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from thesisdesk.campaigns.models import Campaign, Role
from thesisdesk.campaigns.services import campaign_create, membership_add
from thesisdesk.milestones.models import MilestoneKind
from thesisdesk.milestones.services import milestone_create
from thesisdesk.people.models import Person, User
from thesisdesk.subjects import services as subjects
from thesisdesk.subjects.models import Subject
from thesisdesk.theses import services as theses

DEMO_SLUG = "info-2026-2027"
DEMO_PASSWORD = "demo"
BRUSSELS = ZoneInfo("Europe/Brussels")
SEED = 2026

# (username, what the account shows) — printed by `thesisdesk run`.
DEMO_ACCOUNTS: list[tuple[str, str]] = [
    ("admin", "administrator (everything, and /admin/)"),
    ("coord", "coordinator of the campaign"),
    ("coord2", "second coordinator"),
    ("promoteur1", "supervisor (promoteur1 … promoteur10)"),
    ("copromoteur1", "co-supervisor (copromoteur1 … copromoteur3)"),
    ("lecteur1", "reader (lecteur1 … lecteur4)"),
    ("etudiant1", "student without a thesis yet (etudiant1 … etudiant20)"),
    ("etudiant21", "student with a thesis (etudiant21 … etudiant30)"),
]

FIRST_NAMES = [
    "Camille", "Lucas", "Emma", "Louis", "Léa", "Hugo", "Chloé", "Nathan", "Manon", "Arthur",
    "Julie", "Théo", "Sarah", "Maxime", "Inès", "Thomas", "Zoé", "Antoine", "Clara", "Noah",
    "Élise", "Victor", "Alice", "Jules", "Margaux", "Simon", "Lina", "Romain", "Anaïs", "Mehdi",
    "Charlotte", "Benoît", "Amélie", "Quentin", "Fatima", "Olivier", "Hélène", "Yasmine",
    "François", "Nadia", "Pierre", "Sophie", "Jean", "Aurélie", "Michel", "Isabelle",
]  # fmt: skip
LAST_NAMES = [
    "Dubois", "Lambert", "Martin", "Peeters", "Janssens", "Dupont", "Leclercq", "Renard",
    "Lemaire", "Lefèvre", "Claes", "Wouters", "Mertens", "Denis", "Laurent", "Simon",
    "Michel", "Hermans", "Goossens", "François", "Collignon", "Delvaux", "Gilson", "Hubert",
    "Fontaine", "Masson", "Noël", "Rousseau", "Thiry", "Warnier", "Bodart", "Charlier",
    "Evrard", "Gérard", "Jacquet", "Leroy", "Marchal", "Piron", "Remacle", "Servais",
    "Toussaint", "Wilmet", "Ngoy", "Benali", "Kabongo", "Van den Berg",
]  # fmt: skip
TOPICS = [
    ("Vérification formelle de contrats intelligents", "méthodes formelles, blockchain"),
    ("Apprentissage fédéré respectueux de la vie privée", "apprentissage automatique, vie privée"),
    ("Détection d'anomalies dans les journaux système", "sécurité, apprentissage automatique"),
    ("Compilation incrémentale pour langages fonctionnels", "compilation, langages"),
    ("Génération de tests par exécution symbolique", "génie logiciel, tests"),
    ("Ordonnancement énergétique dans le cloud", "systèmes distribués, énergie"),
    ("Visualisation de grands graphes dynamiques", "visualisation, graphes"),
    ("Traduction automatique pour le wallon", "traitement du langage, linguistique"),
    ("Analyse statique de code Python", "analyse de programmes, Python"),
    ("Robustesse des réseaux de neurones aux attaques adverses", "IA, sécurité"),
    ("Protocoles de consensus tolérants aux pannes byzantines", "systèmes distribués"),
    ("Recommandation de cours à partir des traces Moodle", "e-learning, données"),
    ("Optimisation de requêtes dans PostgreSQL", "bases de données, optimisation"),
    ("Accessibilité des applications web universitaires", "IHM, accessibilité"),
    ("Modélisation de trafic urbain par agents", "simulation, systèmes multi-agents"),
    ("Cryptographie post-quantique sur microcontrôleurs", "cryptographie, systèmes embarqués"),
    ("Explicabilité des modèles de décision médicale", "IA, santé"),
    ("Réparation automatique de programmes", "génie logiciel, IA"),
    ("Planification d'horaires d'examens", "recherche opérationnelle"),
    ("Reconnaissance d'écriture manuscrite ancienne", "vision, patrimoine"),
    ("Évaluation de la dette technique", "génie logiciel, métriques"),
    ("Réseaux définis par logiciel pour campus", "réseaux, SDN"),
    ("Langages dédiés pour la robotique éducative", "langages, éducation"),
    ("Confidentialité différentielle pour statistiques publiques", "vie privée, statistiques"),
    ("Détection de désinformation sur les réseaux sociaux", "traitement du langage, société"),
    ("Jumeaux numériques de bâtiments", "IoT, simulation"),
    ("Preuves interactives en Coq pour l'enseignement", "méthodes formelles, éducation"),
    ("Compression de modèles de langage", "IA, efficacité"),
    ("Tolérance aux pannes des microservices", "systèmes distribués, génie logiciel"),
    ("Analyse de sentiments en français de Belgique", "traitement du langage"),
    ("Sécurité des objets connectés domestiques", "sécurité, IoT"),
    ("Algorithmes d'appariement pour l'attribution de stages", "algorithmique, optimisation"),
    ("Ludification de l'apprentissage de la programmation", "éducation, IHM"),
    ("Bases de données de graphes pour la généalogie", "bases de données, graphes"),
    ("Vision par ordinateur pour l'agriculture de précision", "vision, agriculture"),
    ("Vérification de protocoles réseau par model checking", "méthodes formelles, réseaux"),
    ("Empreinte carbone des logiciels", "énergie, génie logiciel"),
    ("Interfaces cerveau-machine à bas coût", "IHM, signal"),
    ("Chaînes d'intégration continue reproductibles", "DevOps, reproductibilité"),
    ("Synthèse de programmes à partir d'exemples", "IA, langages"),
]
# How many of the 40 subjects end in each state (the rest are published).
STATE_PLAN = ["approved"] * 3 + ["proposed"] * 4 + ["rejected"] * 2 + ["withdrawn"] * 1
STUDENT_PROPOSALS = [
    ("Application mobile pour le covoiturage étudiant", "mobile, mobilité"),
    ("Analyse des données ouvertes de la SNCB", "données ouvertes, transport"),
]


@dataclass
class DemoSummary:
    campaign: Campaign
    created: bool


def _brussels(year: int, month: int, day: int, hour: int = 23, minute: int = 59) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


def _account(username: str, first: str, last: str, *, staff: bool = False) -> tuple[User, Person]:
    email = f"{username}@demo.thesisdesk.example"
    user = User.objects.create_user(
        username=username,
        password=DEMO_PASSWORD,
        first_name=first,
        last_name=last,
        email=email,
        is_staff=staff,
        is_superuser=staff,
    )
    person = Person.objects.create(
        user=user, first_name=first, last_name=last, email=email, moodle_username=username
    )
    return user, person


def demo_load() -> DemoSummary:
    """Create the demo campaign, people, subjects, milestones and theses (once)."""
    existing = Campaign.objects.filter(slug=DEMO_SLUG).first()
    if existing is not None:
        return DemoSummary(campaign=existing, created=False)
    rng = random.Random(SEED)
    names = [(f, last) for f in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(names)
    name_iter = iter(names)

    with transaction.atomic():
        _account("admin", "Admin", "ThesisDesk", staff=True)
        campaign = campaign_create(
            actor=None,
            name="Master en sciences informatiques 2026-2027",
            programme="Master en sciences informatiques",
            academic_year="2026-2027",
            slug=DEMO_SLUG,
            choices_per_student=5,
            default_subject_capacity=1,
            supervisor_max_load=6,
            co_supervision_weight="0.5",
            assign_unranked=True,
        )

        def member(username: str, role: str) -> tuple[User, Person]:
            first, last = next(name_iter)
            user, person = _account(username, first, last)
            membership_add(actor=None, campaign=campaign, person=person, role=role)
            return user, person

        coordinator, _ = member("coord", Role.COORDINATOR)
        member("coord2", Role.COORDINATOR)
        supervisors = [member(f"promoteur{i}", Role.SUPERVISOR) for i in range(1, 11)]
        co_supervisors = [member(f"copromoteur{i}", Role.CO_SUPERVISOR) for i in range(1, 4)]
        readers = [member(f"lecteur{i}", Role.READER) for i in range(1, 5)]
        students = [member(f"etudiant{i}", Role.STUDENT) for i in range(1, 31)]
        # Supervisors also sit on juries.
        for _user, person in supervisors[:5]:
            membership_add(actor=None, campaign=campaign, person=person, role=Role.READER)

        milestones = [
            (MilestoneKind.OTHER, "Séance d'information", _brussels(2026, 10, 1, 12, 30),
             "Présentation du mémoire et du calendrier, auditoire A1."),
            (MilestoneKind.SUBJECT_CHOICE, "Choix des sujets", _brussels(2026, 12, 4),
             "Classez au moins cinq sujets publiés."),
            (MilestoneKind.PLAN, "Dépôt du plan", _brussels(2027, 1, 29),
             "Plan détaillé validé par le promoteur."),
            (MilestoneKind.INTERMEDIATE_DEPOSIT, "Dépôt intermédiaire", _brussels(2027, 3, 19),
             "État de l'art et premiers résultats."),
            (MilestoneKind.FINAL_DEPOSIT, "Dépôt final", _brussels(2027, 5, 21, 12, 0),
             "Version finale au format PDF."),
            (MilestoneKind.DEFENSE_PERIOD, "Défenses orales", _brussels(2027, 6, 30, 18, 0),
             "Défenses publiques devant le jury."),
        ]  # fmt: skip
        for kind, title, due_at, description in milestones:
            opens_at = (
                _brussels(2027, 6, 14, 8, 0) if kind == MilestoneKind.DEFENSE_PERIOD else None
            )
            milestone_create(
                actor=coordinator,
                campaign=campaign,
                kind=kind,
                title=title,
                due_at=due_at,
                description=description,
                opens_at=opens_at,
            )

        states = STATE_PLAN + ["published"] * (len(TOPICS) - len(STATE_PLAN))
        rng.shuffle(states)
        published: list[Subject] = []
        for index, ((title, keywords), state) in enumerate(zip(TOPICS, states, strict=True)):
            supervisor_user, _supervisor = supervisors[index % len(supervisors)]
            co = [co_supervisors[index % 3][1]] if index % 4 == 0 else []
            subject = subjects.subject_propose(
                actor=supervisor_user,
                campaign=campaign,
                title=title,
                description=(
                    f"<p>Ce mémoire porte sur <strong>{title.lower()}</strong>.</p>"
                    "<ul><li>État de l'art</li><li>Prototype</li><li>Évaluation</li></ul>"
                    '<p>Voir <a href="https://www.example.org/ressources">les ressources</a>.</p>'
                ),
                keywords=keywords,
                capacity=2 if index % 7 == 0 else 1,
                co_supervisors=co,
            )
            if state == "rejected":
                subjects.subject_reject(
                    actor=coordinator,
                    subject=subject,
                    reason="Sujet trop proche d'un mémoire récent.",
                )
                continue
            if state == "proposed":
                continue
            subject = subjects.subject_approve(actor=coordinator, subject=subject)
            if state == "approved":
                continue
            subject = subjects.subject_publish(actor=coordinator, subject=subject)
            if state == "withdrawn":
                subjects.subject_withdraw(
                    actor=supervisor_user, subject=subject, reason="Le promoteur part en congé."
                )
                continue
            published.append(subject)

        for (title, keywords), (student_user, _person) in zip(
            STUDENT_PROPOSALS, students[:2], strict=True
        ):
            subjects.subject_propose_by_student(
                actor=student_user,
                campaign=campaign,
                title=title,
                keywords=keywords,
                description="<p>Proposition d'un étudiant, à discuter avec un promoteur.</p>",
                supervisor=supervisors[0][1] if "mobile" in keywords else None,
            )

        # Students 21 to 30 already have a thesis, at various stages.
        progress = ["proposal", "proposal", "in_progress", "in_progress", "in_progress",
                    "in_progress", "deposited", "defended", "graded", "abandoned"]  # fmt: skip
        for (student_user, student), subject, stage in zip(
            students[20:], published[:10], progress, strict=True
        ):
            thesis = theses.thesis_create(
                actor=coordinator,
                campaign=campaign,
                students=[student],
                subject=subject,
                readers=[readers[rng.randrange(len(readers))][1]],
            )
            by_person = {person.pk: user for user, person in supervisors}
            supervisor_user = by_person[subject.supervisor_id or 0]
            if stage == "proposal":
                continue
            if stage == "abandoned":
                theses.thesis_abandon(
                    actor=student_user, thesis=thesis, reason="Réorientation vers un autre master."
                )
                continue
            thesis = theses.thesis_start(actor=supervisor_user, thesis=thesis)
            if stage == "in_progress":
                continue
            thesis = theses.thesis_deposit(actor=student_user, thesis=thesis)
            if stage == "deposited":
                continue
            thesis = theses.thesis_defend(actor=coordinator, thesis=thesis)
            if stage == "defended":
                continue
            theses.thesis_grade(actor=coordinator, thesis=thesis, grade="15.5")

    # Students without a thesis have ranked published subjects, ready for an allocation run.
    from thesisdesk.allocation.demo import demo_rankings

    demo_rankings(campaign)
    return DemoSummary(campaign=campaign, created=True)
