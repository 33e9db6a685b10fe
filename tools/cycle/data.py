"""The scenario of the cycle: the Paris Assemblée citoyenne's pools, quotas, sessions, texts and votes.

Data only; what is computed from it is in compute.py.
"""

ASSEMBLY_NAME = "Assemblée citoyenne de Paris"
OPENING = "2022-01-22"       # the opening plenary: members take their seats, the workshops start
MANDATE_END = "2023-01-21"   # a year's mandate
THEMES = ["social-education", "environment", "public-space"]

# 1-4. Sortition
# Three pools, each with its invitations, its respondents and its seats (Paris, later cohorts:
# 80 from the roll, 15 non-EU residents, 5 residents aged 16 or 17).
POOLS = [
    {"kind": "roll", "label": "the electoral roll", "invited": 10000, "respondents": 750, "seats": 80},
    {"kind": "non-eu-residents", "label": "non-EU residents", "invited": 2000, "respondents": 150, "seats": 15},
    {"kind": "minors", "label": "residents aged 16-17", "invited": 800, "respondents": 60, "seats": 5},
]



# Who answers: older, more educated, more women than the pool (the self-selection every
# assembly sees); non-EU residents younger; minors are 16 or 17, in school.
ANSWERS = {
    "roll": {"gender": [("F", 0.56), ("M", 0.44)],
             "age_band": [("18-24", 0.07), ("25-34", 0.13), ("35-49", 0.24), ("50-64", 0.28), ("65+", 0.28)],
             "diploma": [("none", 0.12), ("bac", 0.18), ("bac+2/3", 0.28), ("bac+5", 0.42)]},
    "non-eu-residents": {"gender": [("F", 0.55), ("M", 0.45)],
                         "age_band": [("18-24", 0.10), ("25-34", 0.25), ("35-49", 0.32), ("50-64", 0.21), ("65+", 0.12)],
                         "diploma": [("none", 0.22), ("bac", 0.22), ("bac+2/3", 0.26), ("bac+5", 0.30)]},
    "minors": {"gender": [("F", 0.55), ("M", 0.45)], "age_band": [("16", 0.45), ("17", 0.55)]},
}


# The quotas, in the Sortition Foundation's layout: the roll's 80 seats by gender, age band,
# arrondissement (about proportional to the population, as the Paris cohorts) and diploma; the
# non-EU residents' 15 by gender, age band and diploma; the minors' 5 by gender and age.
# (feature, value, min, max) per seat pool, in the order of the quota CSV (compute.quota_csv).
ARRONDISSEMENT_SEATS = {"01": (0, 2), "02": (0, 2), "03": (0, 3), "04": (0, 3), "05": (1, 4), "06": (0, 3), "07": (0, 3),
                        "08": (0, 3), "09": (1, 4), "10": (2, 5), "11": (4, 7), "12": (4, 7), "13": (5, 8), "14": (3, 6),
                        "15": (7, 10), "16": (5, 8), "17": (5, 8), "18": (6, 9), "19": (5, 8), "20": (6, 9)}
QUOTA_RANGES = {
    "roll": [("gender", "F", 39, 41), ("gender", "M", 39, 41),
             ("age_band", "18-24", 7, 11), ("age_band", "25-34", 14, 21), ("age_band", "35-49", 17, 24),
             ("age_band", "50-64", 14, 20), ("age_band", "65+", 13, 19)]
            + [("arrondissement", a, lo, hi) for a, (lo, hi) in ARRONDISSEMENT_SEATS.items()]
            + [("diploma", "none", 12, 20), ("diploma", "bac", 12, 20), ("diploma", "bac+2/3", 16, 26), ("diploma", "bac+5", 20, 32)],
    "non-eu-residents": [("gender", "F", 7, 8), ("gender", "M", 7, 8),
                         ("age_band", "18-24", 1, 3), ("age_band", "25-34", 3, 5), ("age_band", "35-49", 4, 6),
                         ("age_band", "50-64", 2, 4), ("age_band", "65+", 1, 3),
                         ("diploma", "none", 2, 5), ("diploma", "bac", 2, 5), ("diploma", "bac+2/3", 3, 6), ("diploma", "bac+5", 3, 6)],
    "minors": [("gender", "F", 2, 3), ("gender", "M", 2, 3), ("age_band", "16", 1, 4), ("age_band", "17", 1, 4)],
}

# Each member has their own propensity to miss a session (about 13 % of the records are not
# "present" over the cycle); an absence is excused (the member got in touch) a little less than half the time.
ABSENCE_RATES = ([0.07, 0.22, 0.38], [70, 22, 8])
EXCUSED_SHARE = 0.45

# 7. The workshops: per workshop, the hearings (title, day, speakers), the site visit (title, day,
# site) and the priority axes (title, description).
DISCOVERY = {
    "social-education": {
        "hearings": [("Audition : les bibliothèques parisiennes et le Plan Paris Lecture", "2022-02-16",
                      [{"name": "Hélène Garnier", "organisation": "Direction des affaires culturelles, bureau des bibliothèques", "topic": "le réseau des 70 bibliothèques"},
                       {"name": "Karim Benali", "organisation": "Lire et faire lire Paris", "topic": "la lecture avec les enfants"}]),
                     ("Audition : la lecture à l'école et dans les centres sociaux", "2022-03-23",
                      [{"name": "Sophie Morel", "organisation": "Académie de Paris", "topic": "la lecture au collège"},
                       {"name": "Julien Caron", "organisation": "Fédération des centres sociaux de Paris", "topic": "illettrisme des adultes"}])],
        "visit": ("Visite de la médiathèque Françoise Sagan", "2022-04-09", "Médiathèque Françoise Sagan, 8 rue Léon Schwartzenberg, Paris 10e"),
        "axes": [("Des bibliothèques ouvertes à tous les temps de la vie", "horaires, accueil, gratuité"),
                 ("Lire dès le plus jeune âge", "crèches, écoles, familles"),
                 ("Aller vers les publics éloignés de la lecture", "hors les murs, centres sociaux")],
    },
    "environment": {
        "hearings": [("Audition : les aides à la rénovation énergétique", "2022-02-17",
                      [{"name": "Antoine Lefèvre", "organisation": "Agence parisienne du climat", "topic": "Éco-rénovons Paris"},
                       {"name": "Nadia Haddad", "organisation": "Direction du logement et de l'habitat", "topic": "les aides de la Ville"}]),
                     ("Audition : copropriétés et bailleurs sociaux", "2022-03-24",
                      [{"name": "Marc Dubois", "organisation": "Paris Habitat", "topic": "le plan climat du parc social"},
                       {"name": "Claire Nguyen", "organisation": "Association des responsables de copropriété", "topic": "décider en assemblée générale"}])],
        "visit": ("Visite d'une copropriété rénovée", "2022-04-02", "Copropriété rénovée avec Éco-rénovons Paris, rue de Tolbiac, Paris 13e"),
        "axes": [("Un accompagnement de bout en bout", "un interlocuteur du diagnostic aux travaux"),
                 ("Des aides lisibles et justes", "priorité aux ménages modestes"),
                 ("Faire décider les copropriétés", "assemblées générales, avances de trésorerie")],
    },
    "public-space": {
        "hearings": [("Audition : vers un code de la rue", "2022-02-15",
                      [{"name": "Thomas Girard", "organisation": "Direction de la voirie et des déplacements", "topic": "les règles de partage de l'espace public"},
                       {"name": "Léa Rousseau", "organisation": "Paris en selle", "topic": "les cyclistes"}]),
                     ("Audition : marcher à Paris", "2022-03-22",
                      [{"name": "Bernard Petit", "organisation": "Rue de l'avenir", "topic": "les piétons"},
                       {"name": "Amina Diallo", "organisation": "Association des paralysés de France, Paris", "topic": "l'accessibilité des trottoirs"}])],
        "visit": ("Visite d'une rue aux écoles", "2022-04-06", "Rue aux écoles, rue Vitruve, Paris 20e"),
        "axes": [("Priorité aux plus vulnérables", "piétons, enfants, personnes à mobilité réduite"),
                 ("Des règles claires pour chaque usage", "vélos, trottinettes, livraisons, terrasses"),
                 ("Faire connaître et respecter le code", "information, civilité, contrôle")],
    },
}

MANDATES = {
    "social-education": "Le Plan Paris Lecture arrive à son terme : quelles recommandations pour le renouveler, afin que chaque "
                        "Parisienne et chaque Parisien, à tout âge, ait accès à la lecture ?",
    "environment": "Comment faire évoluer les aides à la rénovation énergétique des logements (Éco-rénovons Paris) pour "
                   "accélérer la rénovation, en particulier des ménages modestes et des copropriétés ?",
    "public-space": "Contribuer à l'élaboration du code de la rue : hiérarchiser les conflits d'usage de l'espace public et "
                    "proposer des règles de partage de la rue.",
}



# Per workshop: (title, text, amended text, commitment of the city later).
RECOMMENDATIONS = {
    "social-education": [
        ("Ouvrir les bibliothèques le dimanche",
         "Ouvrir le dimanche une bibliothèque par arrondissement.\nÉlargir les horaires du soir en semaine.\n",
         "Ouvrir le dimanche au moins une bibliothèque par arrondissement, toute l'année.\nÉlargir les horaires du soir en semaine.\n"),
        ("Des clubs de lecture dans chaque quartier",
         "Créer des clubs de lecture animés par les bibliothèques.\n",
         "Créer des clubs de lecture animés par les bibliothèques, dans chaque quartier politique de la ville.\n"),
        ("Lire dès la crèche",
         "Un livre offert à chaque naissance.\nDes lectures en crèche chaque semaine.\n",
         "Un livre offert à chaque naissance, avec un guide pour les parents.\nDes lectures en crèche chaque semaine.\n"),
    ],
    "environment": [
        ("Un guichet unique de la rénovation",
         "Un seul interlocuteur pour chaque copropriété, du diagnostic à la fin des travaux.\n",
         "Un seul interlocuteur pour chaque copropriété et chaque maison, du diagnostic à la fin des travaux.\n"),
        ("Des aides bonifiées pour les ménages modestes",
         "Augmenter les aides d'Éco-rénovons Paris pour les ménages modestes.\nAvancer les aides avant les travaux.\n",
         "Augmenter de moitié les aides d'Éco-rénovons Paris pour les ménages modestes.\nAvancer les aides avant les travaux.\n"),
    ],
    "public-space": [
        ("La priorité aux piétons sur les trottoirs",
         "Les trottoirs sont aux piétons : aucun véhicule n'y circule ni n'y stationne.\n",
         "Les trottoirs sont aux piétons : aucun véhicule n'y circule ni n'y stationne, sauf pour les personnes handicapées.\n"),
        ("Des règles claires pour les engins de déplacement",
         "Une place de stationnement pour les trottinettes et les vélos tous les 100 mètres.\n",
         "Une place de stationnement pour les trottinettes et les vélos tous les 100 mètres, hors des trottoirs.\n"),
        ("Une campagne pour le partage de la rue",
         "Une campagne d'information sur le code de la rue dans tous les arrondissements.\n",
         "Une campagne d'information sur le code de la rue dans tous les arrondissements et dans les écoles.\n"),
    ],
}
DEPARTMENTS = {"social-education": ("DAC", "Adjointe à la Maire chargée de la culture"),
               "environment": ("DLH", "Adjoint à la Maire chargé du logement"),
               "public-space": ("DVD", "Adjoint à la Maire chargé des transports et de l'espace public")}
# The departments each workshop concerns, named by the secretariat when the workshops are made: the
# Secrétariat général (the executive proposes the mandates) and the theme's department. Only their
# staff may propose the workshop's mandate.
WORKSHOP_DEPARTMENTS = {theme: ["SG", code] for theme, (code, _) in DEPARTMENTS.items()}
# Who sits beside the members in the co-construction sessions and at the last plenaries: a member of
# the department's staff and a representative of the deputy mayor in charge (names are invented).
PARTICIPANTS = {
    "social-education": [("department", "Claire Fontaine", "Direction des affaires culturelles", "cheffe du bureau des bibliothèques"),
                         ("elected-representative", "Thomas Leroy", "l'adjointe à la Maire chargée de la culture", "conseiller technique")],
    "environment": [("department", "Nadia Haddad", "Direction du logement et de l'habitat", "chargée de mission rénovation"),
                    ("elected-representative", "Marc Aubert", "l'adjoint à la Maire chargé du logement", "directeur de cabinet adjoint")],
    "public-space": [("department", "Pierre Lambert", "Direction de la voirie et des déplacements", "ingénieur"),
                     ("elected-representative", "Sarah Cohen", "l'adjoint à la Maire chargé des transports et de l'espace public",
                      "conseillère technique")],
}
FEEDBACK = {"DAC": ("Faisable par étapes à partir de 2024 ; recrutements nécessaires.", "2,4 M€ par an", "accord des organisations syndicales sur les horaires"),
            "DLH": ("Faisable avec l'Agence parisienne du climat.", "12 M€ sur la mandature", "cumul avec MaPrimeRénov' encadré par l'État"),
            "DVD": ("Faisable ; les règles relèvent en partie du code de la route.", "3 M€", "le pouvoir de police du Maire et du Préfet de police")}


# 7. Axes the members proposed but did not choose, beside the DISCOVERY ones they chose.
OTHER_AXES = {
    "social-education": [("Des écrivains dans les quartiers", "résidences d'auteurs, rencontres")],
    "environment": [("Des toitures végétalisées", "isolation et fraîcheur l'été")],
    "public-space": [("Des rues aux écoles dans chaque arrondissement", "rues fermées aux voitures aux heures d'entrée")],
}


# 7. Trainings for the volunteers ("prise de parole en public, actualité"): topic, title, capacity,
# how many volunteer. Sign-ups close when a training starts, so they are offered ahead of today.
TRAININGS = [
    ("public-speaking", "Prendre la parole en public", 12, 15, {"place": "Hôtel de Ville, salle Saint-Jean"}),
    ("current-affairs", "Décrypter l'actualité de la Ville", 20, 14, {"online_url": "https://visio.paris.fr/actualite"}),
]


# 9. Motions
# The vœux are drafted in the co-construction sessions: each adds a sentence, proposed in turn by a
# member of the workshop, the city department and the elected official's representative.
VOW_CHANGES = [
    ("member", "Elle demande que les habitants soient associés à chaque étape de la mise en œuvre."),
    ("department", "La Ville engage ces actions par étapes, selon les moyens votés au budget."),
    ("elected-representative", "Un bilan en est présenté chaque année au Conseil de Paris."),
]
MOTIONS = {
    "social-education": ("Renouveler le Plan Paris Lecture",
                         "L'Assemblée citoyenne demande que le nouveau Plan Paris Lecture ouvre davantage les bibliothèques, "
                         "aille vers les publics éloignés de la lecture et fasse lire dès la crèche."),
    "environment": ("Accélérer la rénovation énergétique des logements",
                    "L'Assemblée citoyenne demande un guichet unique de la rénovation et des aides renforcées et avancées pour "
                    "les ménages modestes."),
    "public-space": ("Un code de la rue pour partager l'espace public",
                     "L'Assemblée citoyenne demande que le code de la rue donne la priorité aux piétons, fixe des règles "
                     "claires pour chaque engin et soit largement expliqué."),
}



# 11. The Council
COUNCIL = {
    "social-education": (146, 0, 17, [("Paris en commun", "for", "soutient l'ouverture le dimanche"),
                                      ("Groupe Écologiste de Paris", "for", ""), ("Groupe Communiste et Citoyen", "for", ""),
                                      ("Changer Paris", "abstention", "s'interroge sur le coût"),
                                      ("Indépendants et Progressistes", "for", "")]),
    "environment": (124, 12, 27, [("Paris en commun", "for", ""), ("Groupe Écologiste de Paris", "for", "souhaite aller plus loin"),
                                  ("Groupe Communiste et Citoyen", "for", "insiste sur le parc social"),
                                  ("Changer Paris", "divided", "partagé sur les avances"),
                                  ("Indépendants et Progressistes", "abstention", "")]),
    "public-space": (118, 27, 18, [("Paris en commun", "for", ""), ("Groupe Écologiste de Paris", "for", ""),
                                   ("Groupe Communiste et Citoyen", "for", ""), ("Changer Paris", "against", "contre les restrictions de circulation"),
                                   ("Indépendants et Progressistes", "abstention", "")]),
}



# 12. Commitments
# Per recommendation (same order as RECOMMENDATIONS): title, deliverables, milestones (title, days
# from today, done before the first report?), progress at the first and second reports.
COMMITMENTS = {
    "social-education": [
        ("Ouvrir dix bibliothèques le dimanche", ["Plan d'ouverture", "Recrutements"],
         [("Étude des horaires remise", 0, True), ("Cinq bibliothèques ouvertes le dimanche", 120, False), ("Dix bibliothèques ouvertes", 365, False)], 20, 45),
        ("Des clubs de lecture en quartier politique de la ville", ["Appel à projets", "Carte des clubs"],
         [("Appel à projets publié", 30, False), ("Vingt clubs ouverts", 240, False)], 10, 30),
        ("Un livre pour chaque naissance", ["Livre de naissance", "Guide des parents"],
         [("Choix du livre", 20, False), ("Premiers livres remis en maternité", 180, False)], 15, 100),
    ],
    "environment": [
        ("Créer le guichet unique de la rénovation", ["Guichet unique", "Parcours d'accompagnement"],
         [("Étude de préfiguration du guichet unique remise", -1, False), ("Guichet ouvert dans trois arrondissements", 200, False)], 10, 25),
        ("Bonifier et avancer les aides Éco-rénovons Paris", ["Délibération sur les aides", "Avances de trésorerie"],
         [("Délibération présentée au Conseil", 60, False), ("Premières avances versées", 270, False)], 5, 20),
    ],
    "public-space": [
        ("Inscrire la priorité piétonne dans le code de la rue", ["Code de la rue", "Arrêtés de voirie"],
         [("Première feuille de route du code de la rue", 0, True), ("Code de la rue adopté", 300, False)], 30, 50),
        ("Stationnement des vélos et trottinettes hors trottoirs", ["Places de stationnement", "Contrôles"],
         [("Mille places créées", 150, False), ("Cinq mille places créées", 400, False)], 10, 35),
        ("Campagne « La rue, on la partage »", ["Affiches", "Interventions dans les écoles"],
         [("Campagne lancée", 45, False)], 0, 25),
    ],
}

