"""Templates of the independent evaluation set (data module): real layouts, written by hand.

Each template: (family, split, text). Families never straddle splits. Slots:
{P.full} "Prénom Nom", {P.rev} "NOM Prénom", {P.first}, {P.last}, {P.LAST}, {P.lower} "prénom nom",
{P.flow} "prénom", {P.init} "P. Nom" (same for Q, R: other people); {P.email}; {PHONE}, {NIR}, {IBAN},
{NUMEN}, {ADDR}, {BDATE} (with its own "né le" wording around it: {BORN}), {SENS:cat}, {NEG},
{SCHOOL}, {CITY}. A template whose family ends in "_lc" is lowercased entirely.
"""

TEMPLATES = [
    # --- mail headers ---------------------------------------------------------------------
    (
        "header_rib",
        "dev",
        """De : {P.full} <{P.email}>
À : gestion-paie@ac-rennes.fr
Cc : {Q.rev}
Objet : RIB

Bonjour,

suite à mon changement de banque voici mon nouveau rib : {IBAN}
Pourriez-vous le prendre en compte pour la paie de janvier ?

Bien cordialement
{P.first} {P.LAST}
{PHONE}""",
    ),
    (
        "header_rib",
        "dev",
        """From: {P.email}
Sent: lundi 3 février 2025 08:14
To: dsden29-drh@ac-rennes.fr
Subject: changement de compte

bjr, nouveau compte pour le versement du traitement : {IBAN} (banque postale).
{P.flow}""",
    ),
    (
        "header_forward",
        "test",
        """---------- Message transféré ---------
De : {Q.rev} <{Q.email}>
Date : mar. 11 mars 2025 à 17:02
À : {P.rev}
Objet : Re: situation de {R.full}

Bonjour {P.first},
je te transfère la demande de {R.full}, professeur au {SCHOOL}. {NEG}. Il indique : « {SENS:sante} ». Peux-tu voir avec {R.last} quelles pièces fournir ?
{Q.first}""",
    ),
    (
        "header_forward",
        "test",
        """Envoyé de mon iPhone
Le 12 avr. 2025 à 09:40, {Q.full} <{Q.email}> a écrit :
> Bonjour,
> {P.full} me demande si elle peut cumuler son temps partiel et un congé formation. Son NUMEN : {NUMEN}.
> Merci, {Q.init}""",
    ),
    # --- form fields ----------------------------------------------------------------------
    (
        "form_civil",
        "dev",
        """FICHE DE RENSEIGNEMENTS
Nom : {P.LAST}
Prénom(s) : {P.first}
{BORN}
Adresse : {ADDR}
N° de sécurité sociale : {NIR}
Téléphone : {PHONE}
Courriel : {P.email}""",
    ),
    (
        "form_civil",
        "dev",
        """Nom d'usage : {P.LAST}   Nom de naissance : {Q.LAST}
Prénom : {P.first}
Date de naissance : {BDATE}
NUMEN : {NUMEN}
Établissement : {SCHOOL}""",
    ),
    (
        "form_table",
        "test",
        """Identité de l'agent
- NOM : {P.LAST}
- Prénom : {P.first}
- Nom de jeune fille : {Q.LAST}
- DDN : {BDATE}
- Numéro INSEE : {NIR}
- IBAN : {IBAN}
- Domicile : {ADDR}""",
    ),
    (
        "form_table",
        "test",
        """Nom et prénom : {P.rev}
Grade : adjoint administratif principal
{BORN}
Tél. portable : {PHONE}
Adresse personnelle : {ADDR}
Observations : {SENS:handicap}.""",
    ),
    # --- greetings and signatures ---------------------------------------------------------
    (
        "greeting_short",
        "dev",
        """Bonjour {P.first},

Merci pour ton message. Je te confirme que ton dossier de mutation est complet. {NEG}.

Bonne journée,
{Q.first}""",
    ),
    (
        "greeting_short",
        "dev",
        """Salut {P.first} !
Tu peux rappeler {Q.full} au {PHONE} ? elle voulait savoir pour son congé, {SENS:grossesse}.
Merci
{R.first}""",
    ),
    (
        "greeting_sig",
        "test",
        """Bonsoir {P.first},

{SENS:sante}, du coup je ne pourrai pas assurer la réunion de jeudi. Je t'envoie l'arrêt dès que possible.

--
{Q.full}
Professeure des écoles – {SCHOOL}
{PHONE}""",
    ),
    (
        "greeting_sig",
        "test",
        """Chère {P.first},
je me permets de te relancer au sujet de ma demande de disponibilité. {NEG}.
Amitiés,
{Q.first} {Q.last}
{Q.email}""",
    ),
    # --- staff lists ---------------------------------------------------------------------
    (
        "staff_list",
        "dev",
        """Liste des agents convoqués à la visite médicale du 14 mai :
{P.rev}
{Q.rev}
{R.rev}
Merci de prévenir les intéressés.""",
    ),
    (
        "staff_list",
        "test",
        """Participants : {P.LAST} {P.first} (SG), {Q.LAST} {Q.first} (DRH), {R.full} (représentante du personnel).
Compte rendu rédigé par {P.init}.""",
    ),
    # --- births, maiden names -------------------------------------------------------------
    (
        "maiden",
        "dev",
        """Bonjour, je suis {P.first} {P.LAST} née {Q.LAST}, {BORN}. Je voudrais savoir si mes années au Maroc comptent pour ma retraite. Mon numéro de sécu : {NIR}.
Merci d'avance""",
    ),
    (
        "maiden",
        "test",
        """Madame {P.full}, épouse {Q.last}, {BORN}, domiciliée {ADDR}, sollicite un congé parental. {SENS:grossesse}.""",
    ),
    # --- lowercase chat / typos / franglais -----------------------------------------------
    (
        "chat_lc",
        "dev",
        """slt c'est {P.lower} du cdi, tu peux me dire si j'ai droit au supplément familial ? mon mail perso {P.email} et mon tel {PHONE}. {SENS:religion} donc je serai absent le 10""",
    ),
    (
        "chat_lc",
        "dev",
        """bonjour je m'appelle {P.lower}, je suis aed au {SCHOOL}. {SENS:sante}. est ce que je peux avoir un temps partiel ? merci {P.flow}""",
    ),
    (
        "sms_lc",
        "test",
        """coucou c {P.flow}, je te fwd le mail de {Q.lower} pour le planning, {SENS:syndicat} donc pas dispo mardi. mon numen c'est {NUMEN} si besoin. thx""",
    ),
    (
        "sms_lc",
        "test",
        """hello, {P.lower} ici ({P.email}). quick question : mon iban a changé -> {IBAN}. je suis né le {BDATE}, ça sert pour le dossier ? {NEG}""",
    ),
    # --- mini-cases told by an HR agent ----------------------------------------------------
    (
        "case_agent",
        "dev",
        """Situation : Mme {P.last}, {BORN}, adjointe technique au {SCHOOL}, {SENS:sante}. Son conjoint, M. {Q.full}, travaille aussi chez nous. Elle demande un aménagement d'horaires. Contact : {PHONE}.""",
    ),
    (
        "case_agent",
        "dev",
        """Je vous transmets la situation de M. {P.LAST} ({P.first}), NIR {NIR}, affecté au {SCHOOL}. {SENS:handicap}. Il habite {ADDR} et souhaite un rapprochement de domicile. Dossier suivi par {Q.init}.""",
    ),
    (
        "case_manager",
        "test",
        """Bonjour, je suis la gestionnaire de {P.full}. Elle nous a indiqué que {SENS:grossesse}. {NEG}. Peut-on anticiper son remplacement ? Sa collègue {Q.first} est d'accord pour reprendre ses classes. Son adresse : {ADDR}.""",
    ),
    (
        "case_manager",
        "test",
        """Pour info, {P.first} {P.last} (né le {BDATE}) m'a dit que {SENS:religion}. Il faudrait voir avec {Q.rev}, son chef de service, pour un échange de permanence. Merci de répondre à {Q.email}.""",
    ),
    # --- formal letters ------------------------------------------------------------------
    (
        "letter",
        "dev",
        """{P.full}
{ADDR}
{PHONE}

à Madame la Rectrice,

Je soussignée {P.full}, {BORN}, professeure certifiée (NUMEN {NUMEN}), ai l'honneur de solliciter un congé de formation professionnelle. {NEG}.

Veuillez agréer, Madame la Rectrice, l'expression de mes salutations respectueuses.

{P.first} {P.LAST}""",
    ),
    (
        "letter",
        "test",
        """Objet : demande de reclassement
Monsieur le Directeur,
Suite à {SENS:sante}, je sollicite un reclassement. Vous trouverez mon RIB ({IBAN}) et mon numéro de sécurité sociale ({NIR}) en pièce jointe.
Respectueusement,
{P.init}
{P.email}""",
    ),
    # --- ministry / union side -----------------------------------------------------------
    (
        "union",
        "dev",
        """Bonjour,
{SENS:syndicat}. J'accompagnerai {P.full} à son entretien du 20. {NEG}.
{Q.full}, secrétaire départementale""",
    ),
    (
        "union",
        "test",
        """Madame la DRH,
nous représentons {P.full} ({P.email}). {SENS:syndicat}. Nous souhaitons être reçus avec {Q.full}.
Pour la section : {R.rev}""",
    ),
]

# Holdout split: new families and wordings (see values.HOLDOUT_*).
TEMPLATES += [
    (
        "ho_reply",
        "holdout",
        """Le jeu. 5 juin 2025 à 14:21, {P.full} <{P.email}> a écrit :
> Bonjour, pouvez-vous me dire où en est mon dossier de disponibilité ?
Bonjour {P.first},
votre dossier est transmis à {Q.full}, qui vous répondra. {NEG}.
Bien à vous,
{R.full}""",
    ),
    (
        "ho_form",
        "holdout",
        """DEMANDE DE TEMPS PARTIEL
Nom patronymique : {P.LAST}
Nom marital : {Q.LAST}
Prénom usuel : {P.first}
{BORN}
N° INSEE : {NIR}
Coordonnées : {PHONE} / {P.email}
Adresse : {ADDR}""",
    ),
    (
        "ho_note",
        "holdout",
        """Note à l'attention de {P.rev} (bureau DPE3)
Objet : situation de {Q.full}
{Q.last} nous indique que {SENS:sante}. Elle demande un temps partiel thérapeutique. Son IBAN pour le rappel : {IBAN}. {NEG}.
Signé : {R.init}""",
    ),
    (
        "ho_chat_lc",
        "holdout",
        """re bonjour, c'est encore {P.lower}. mon ancien numen {NUMEN} n'est plus bon ? au fait {SENS:grossesse}. tu peux aussi prévenir {Q.flow} stp""",
    ),
    (
        "ho_teams",
        "holdout",
        """[10:42] {P.full}
salut, {Q.first} est absente aujourd'hui, {SENS:sante}
[10:44] {Q.rev}
merci {P.first} ! je vois ça avec la DRH""",
    ),
    (
        "ho_letter",
        "holdout",
        """{P.first} {P.LAST}
{ADDR}
Tél. {PHONE}
Objet : demande de mutation pour rapprochement de conjoint
Madame, Monsieur,
Mon épouse, {Q.full}, née le {BDATE}, vient d'être affectée à {CITY}. {SENS:handicap}. {NEG}.
Je vous prie d'agréer mes salutations distinguées.
{P.init}""",
    ),
    (
        "ho_union",
        "holdout",
        """Objet : accompagnement de {P.full}
Bonjour,
en tant que {SENS:syndicat}, je souhaite assister {P.last} lors de l'entretien du 12. Vous pouvez me joindre au {PHONE}.
{Q.full}
{Q.email}""",
    ),
    (
        "ho_religion",
        "holdout",
        """Bonjour Madame {P.last},
{Q.full} (NUMEN {NUMEN}) demande un jour d'autorisation d'absence car {SENS:religion}. Son adresse : {ADDR}. Merci de me confirmer.
{R.first}""",
    ),
]
