# guichet — catalogue français.
# Chaque message doit exister dans locales/en/guichet.ftl avec les mêmes variables.

## Two-factor sign-in and sessions.

agent-nav-account = Votre compte
agent-account-title = Votre compte
agent-two-factor-title = Connexion en deux étapes
agent-two-factor-is-off = La connexion en deux étapes est désactivée : votre mot de passe suffit pour vous connecter.
agent-two-factor-is-on = La connexion en deux étapes est activée : après votre mot de passe, le support demande un code de votre application d’authentification.
agent-two-factor-start = Configurer la connexion en deux étapes
agent-two-factor-scan = Scannez ce code QR avec votre application d’authentification (FreeOTP, Aegis, Google Authenticator, 1Password…).
agent-two-factor-qr-alt = Code QR qui ajoute ce support à votre application d’authentification
agent-two-factor-manual = Ou saisissez cette clé à la main dans l’application :
agent-two-factor-confirm-intro = Puis saisissez le code affiché par l’application : la connexion en deux étapes ne commence qu’une fois un code correct saisi.
agent-two-factor-confirm = Activer la connexion en deux étapes
agent-two-factor-off-intro = Pour la désactiver, saisissez un code actuel de votre application.
agent-two-factor-turn-off = Désactiver la connexion en deux étapes
agent-two-factor-enabled = La connexion en deux étapes est activée. Vos autres sessions ont été fermées.
agent-two-factor-disabled = La connexion en deux étapes est désactivée.
agent-code-label = Code à 6 chiffres
agent-code-hint = Dans votre application d’authentification ; un nouveau toutes les 30 secondes.
agent-code-wrong = Ce code n’est pas correct, ou a déjà servi. Attendez le suivant et réessayez.
agent-code-malformed = Saisissez les 6 chiffres affichés par l’application.
agent-sessions-title = Sessions
agent-sessions-intro = Vous déconnecte de tous les navigateurs et appareils où vous êtes connecté, celui-ci compris.
agent-sessions-end = Se déconnecter partout
agent-signed-out-everywhere = Vous avez été déconnecté partout.
agent-signin-code-title = Saisissez votre code
agent-signin-code-intro = Votre mot de passe est correct. Ouvrez votre application d’authentification et saisissez le code qu’elle affiche pour ce support.
agent-signin-code-restart = Recommencer avec votre mot de passe
agent-signin-code-expired = La connexion a pris trop de temps : saisissez à nouveau votre mot de passe.
admin-agents-col-two-factor = Deux étapes
admin-two-factor-on = Activée
admin-two-factor-off = Désactivée
admin-reset-two-factor = Réinitialiser les deux étapes
admin-end-sessions = Fermer les sessions
admin-two-factor-was-reset = La connexion en deux étapes de cet agent a été désactivée et ses sessions fermées ; il peut la configurer à nouveau depuis la page de son compte.
admin-sessions-were-ended = Toutes les sessions de cet agent ont été fermées.
admin-audit-two-factor-on = A activé la connexion en deux étapes
admin-audit-two-factor-off = A désactivé la connexion en deux étapes
admin-audit-two-factor-reset = A réinitialisé la connexion en deux étapes d’un agent
admin-audit-sessions-ended = A fermé toutes les sessions d’un agent

## statistics

agent-stats-title = Statistiques
agent-stats-period-label = Période
agent-stats-period = { $days } derniers jours
agent-stats-show = Afficher
agent-stats-range = Du { $first } au { $last }, dans le fuseau horaire du support.
agent-stats-csv = Télécharger ces chiffres (CSV)
agent-stats-no-data = Aucune donnée pour cette période.
agent-stats-queue-title = Longueur de la file à la fin de chaque jour
agent-stats-queue-desc = Demandes en attente d’une première réponse à la fin de chaque jour (maintenant, pour aujourd’hui), par file : une ligne par file.
agent-stats-daily-title = Demandes créées et traitées par jour
agent-stats-daily-desc = Deux barres par jour : demandes créées (foncée, à gauche) et demandes ayant reçu leur première réponse (claire, à droite).
agent-stats-col-day = Jour
agent-stats-col-created = Créées
agent-stats-col-answered = Première réponse
agent-stats-response-title = Délai de première réponse
agent-stats-response-desc = Temps ouvré entre la création d’une demande et la première réponse d’un agent, pour les premières réponses de la période.
agent-stats-col-figure = Indicateur
agent-stats-col-value = Valeur
agent-stats-answered = Premières réponses
agent-stats-median = Médiane
agent-stats-p90 = 90e centile
agent-stats-within = Traitées dans l’objectif ({ $hours } heures ouvrées)
agent-stats-percent = { $percent } % ({ $within } sur { $answered })
agent-stats-share-chart = Part traitée dans l’objectif : { $percent } %
agent-stats-refusals-title = Refus d’éligibilité par motif
agent-stats-refusals-desc = Expéditeurs refusés sans demande créée, et demandes incomplètes fermées par un refus une fois complétées.
agent-stats-col-code = Motif
agent-stats-col-count = Refus

## Refus d’éligibilité : dire pourquoi, puis quoi faire.

refusal-no-purchase = Nous n’avons trouvé aucun achat associé à cette adresse e-mail. Merci de nous écrire depuis l’adresse utilisée lors de votre commande. Les achats effectués sur d’autres boutiques ou places de marché ne sont pas couverts par notre support.
refusal-product-not-purchased = Cette adresse e-mail n’a aucun achat de ce produit. Merci de vérifier le produit choisi, puis de nous écrire depuis l’adresse utilisée lors de son achat.
refusal-support-expired = Votre période de support pour ce produit a pris fin le { $until }. Pour obtenir à nouveau de l’aide, achetez une extension de support pour ce produit sur notre boutique, puis renvoyez votre demande.
refusal-version-too-old = La version que vous utilisez n’est plus prise en charge. Merci de passer à la dernière version, la { $latest }, puis de nous réécrire si le problème persiste.
refusal-unknown-version = Nous ne reconnaissons pas cette version. Versions prises en charge : { $supported }. Merci de vérifier le numéro de version affiché dans votre interface d’administration.

## Erreurs de saisie.

invalid-version = Ce numéro de version n’est pas valide. Merci de l’écrire sous forme de nombres séparés par des points, par exemple 3.7.28.
invalid-fields = Certains champs sont manquants ou invalides. Merci de les corriger, puis de renvoyer le formulaire.

## Erreurs génériques.

error-internal = Une erreur s’est produite de notre côté. Merci de réessayer dans quelques minutes.


## Pages d’erreur.

error-page-not-found-title = Page introuvable
error-page-not-found = Cette page n’existe pas, ou son lien n’est plus valable.
error-page-title = La demande n’a pas pu être traitée
error-page-busy = Le support est très sollicité en ce moment. Merci de réessayer dans un instant.
error-page-back = Retour au formulaire d’assistance

## File d’attente.

wait-hours =
    { $hours ->
        [one] Attente estimée : environ { $hours } heure ouvrée.
       *[other] Attente estimée : environ { $hours } heures ouvrées.
    }
wait-unknown = Attente estimée : nous n’avons pas encore assez de données pour l’estimer.

## Accusé de réception.

mail-ack-subject = [#{ $number }] Demande reçue : { $subject }
mail-ack-body =
    Bonjour { $name },

    Nous avons bien reçu votre demande « { $subject } ». Son numéro est le #{ $number }.

    Vous pouvez la suivre et y ajouter des précisions sur cette page :
    { $portal_url }

    Les demandes sont traitées dans leur ordre d’arrivée. Chaque nouveau message que vous envoyez replace votre demande en fin de file : merci donc de tout réunir en un seul message (ce que vous avez fait, ce qui s’est passé, les messages d’erreur exacts, ainsi que des captures d’écran ou des journaux).

    Pour compléter votre demande, répondez à cet e-mail ou utilisez la page ci-dessus.

    L’équipe support

portal-complete-title = Quel produit, quelle version ?
portal-complete-hint = Votre message ne nous a pas permis de savoir de quel produit ni de quelle version il s’agit. Indiquez-les ici : votre demande rejoindra la file dès que les vérifications seront passées.
portal-complete-submit = Envoyer le produit et la version
portal-complete-done = Merci : votre demande est maintenant dans la file.
field-not-your-product = choisissez l’un des produits que vous avez achetés
mail-needs-info-subject = [#{ $number }] Quel produit, quelle version ? { $subject }
mail-needs-info-body =
    Bonjour { $name },

    Nous avons bien reçu votre demande « { $subject } » (#{ $number }), mais nous n’avons pas pu savoir de quel produit ni de quelle version il s’agit.

    Merci de nous l’indiquer sur cette page : votre demande rejoindra la file dès que ce sera fait.
    { $portal_url }

    Le numéro de version se trouve dans l’administration de votre boutique, sur la page qui liste vos modules.
mail-no-subject = (sans objet)
mail-refusal-subject = Nous ne pouvons pas ouvrir de demande : { $subject }
mail-refusal-body =
    Bonjour,

    Nous avons reçu votre message « { $subject } », mais nous ne pouvons pas ouvrir de demande d’assistance pour lui.

    { $reason }

    Ceci est une réponse automatique : vous n’en recevrez pas d’autre avant un moment.
mail-autoresolve-subject = [#{ $number }] Demande résolue : { $subject }
mail-autoresolve-body =
    Bonjour { $name },

    Nous avons répondu à votre demande « { $subject } » (#{ $number }) et n’avons pas eu de nouvelles de votre part depuis { $days } jours : nous l’avons donc marquée comme résolue.

    Si le problème n’est pas réglé, il suffit de répondre à cet e-mail dans les { $reopen_days } jours pour rouvrir la demande. Passé ce délai, une réponse ouvrira une nouvelle demande.

    L’équipe support

## Erreurs de l’API JSON : le « message » d’un corps d’erreur. Court, en minuscules, comme les codes à côté.

api-unauthorized = un jeton d’accès (bearer) valide est requis
api-forbidden = la portée de ce jeton ne permet pas cette requête
api-ticket-not-found = aucune demande ne porte ce numéro
api-no-such-route = cette route n’existe pas dans l’API
api-method-not-allowed = cette route n’accepte que { $allow }
api-malformed-json = le corps de la requête n’est pas du JSON valide : { $detail }
api-payload-too-large =
    { $limit ->
        [one] le corps de la requête dépasse { $limit } octet
       *[other] le corps de la requête dépasse { $limit } octets
    }
api-invalid-fields = certains champs sont manquants ou invalides
api-unknown-product = aucun produit n’a pour identifiant « { $slug } »
api-unknown-purchase = aucun achat ne correspond à la référence de commande « { $order } »
api-extension-conflict = l’extension « { $extension } » a déjà été enregistrée avec un autre contenu
api-busy = le serveur est occupé ; réessayez dans un instant
api-internal = erreur interne ; elle a été consignée dans le journal

## Ce qui ne va pas dans un champ (les valeurs de « fields »).

field-required = obligatoire
field-too-long = { $max } caractères au plus
field-length-range = de { $min } à { $max } caractères
field-months-range = de { $min } à { $max } mois
field-whole-number-range = un nombre entier de { $min } à { $max }
field-blank = ne doit pas être vide
field-not-email = adresse e-mail non valide
field-not-http-url = doit être une URL absolue en http(s)
field-not-lang = doit valoir fr ou en
field-one-line = doit tenir sur une seule ligne
field-control-character = contient un caractère de contrôle
field-not-version = n’est pas un numéro de version (des nombres séparés par des points)
field-not-ticket-number = un numéro de demande
field-not-in-queue = cette demande n’est pas dans la file d’attente
field-not-date = utilisez AAAA-MM-JJ ou une date-heure RFC 3339 comme 2025-03-14T10:30:00+01:00
field-not-tier = standard ou priority
field-product-ambiguous = obligatoire : cette commande comporte plusieurs produits

## Mise en page.

layout-desk-name = Service d’assistance
layout-language = Langue
layout-skip = Aller au contenu
layout-privacy = Ce que nous conservons sur vous

## Le tableau de bord des agents.

agent-signin-title = Connexion des agents
agent-signin-email = Adresse e-mail
agent-signin-password = Mot de passe
agent-signin-submit = Se connecter
agent-signin-failed = Cette adresse et ce mot de passe ne correspondent à aucun agent actif.
agent-signin-limited = Trop de tentatives de connexion. Réessayez dans { $minutes } min.
agent-signin-required = Connectez-vous pour continuer.
agent-signout = Se déconnecter
agent-signed-in-as = Connecté en tant que { $name }
agent-nav-queue = File d’attente
agent-nav-label = Tableau de bord
agent-forbidden = Cette page est réservée aux administrateurs.
agent-queue-title = File d’attente
agent-queue-take-next = Prendre la suivante
agent-queue-nothing-to-take = Aucune demande non attribuée n’attend.
agent-queue-empty = Aucune demande de la file ne correspond.
agent-queue-summary = { $priority } prioritaire(s), { $standard } standard
agent-queue-col-position = Rang
agent-queue-col-number = Demande
agent-queue-col-subject = Objet
agent-queue-col-product = Produit
agent-queue-col-customer = Client
agent-queue-col-age = En attente depuis
agent-queue-col-target = Objectif de réponse
agent-queue-col-assignee = Attribuée à
agent-queue-left = reste { $time }
agent-queue-overdue = en retard de { $time }
agent-queue-filters = Filtres
agent-queue-filter-lane = File
agent-queue-filter-state = État
agent-queue-filter-product = Produit
agent-queue-filter-any = Tous
agent-queue-filter-mine = Seulement les miennes
agent-queue-filter-apply = Appliquer
agent-queue-next-page = Page suivante
agent-queue-first-page = Retour au début de la file
agent-lane-priority = Prioritaire
agent-lane-standard = Standard
agent-state-queued = En attente
agent-state-assigned = Attribuée
agent-unassigned = personne
agent-duration-hm = { $hours } h { $minutes } min
agent-duration-days = { $days } j { $hours } h
agent-ticket-state = État
agent-ticket-lane = File
agent-ticket-position = Rang dans la file
agent-ticket-customer = Client
agent-ticket-product = Produit et version
agent-ticket-order = Commande
agent-ticket-site = Site
agent-ticket-platform = Version de la plateforme
agent-ticket-language = Langue des e-mails
agent-ticket-channel = Arrivée par
agent-ticket-assignee = Attribuée à
agent-ticket-created = Créée le
agent-ticket-verdict = Éligibilité à l’ouverture
agent-ticket-eligible = éligible
agent-ticket-refused = refusée : { $code }
agent-ticket-version-window = Versions prises en charge aujourd’hui
agent-ticket-version-supported = { $version } est prise en charge ({ $window })
agent-ticket-version-too-old = { $version } est plus ancienne que les versions prises en charge ({ $window })
agent-ticket-version-unknown = { $version } n’est pas une version prise en charge ({ $window })
agent-ticket-purchases = Les achats du client
agent-ticket-purchase-line = { $product }, commande { $order } : assistance jusqu’au { $until } ({ $status })
agent-ticket-support-active = assistance en cours
agent-ticket-support-expired = expirée
agent-ticket-linked = Demandes liées
agent-ticket-follows = cette demande en est la suite
agent-ticket-followed-by = fait suite à cette demande
agent-ticket-thread = Échanges
agent-ticket-internal = note interne, invisible pour le client
agent-ticket-attachments = Pièces jointes
agent-author-customer = Client
agent-author-system = Service
agent-reply-title = Répondre au client
agent-reply-text = Votre réponse (envoyée par e-mail dans la langue de la demande)
agent-reply-send = Envoyer
agent-reply-send-resolve = Envoyer et résoudre
agent-canned-label = Réponse type, dans la langue de la demande
agent-canned-none = Aucune
agent-canned-insert = Insérer dans la réponse
agent-canned-send-now = L’envoyer tel quel
agent-canned-inserted = La réponse est dans le champ : relisez-la, puis envoyez.
agent-canned-choose = Choisissez d’abord une réponse type.
agent-canned-resolves = { $title } (résout la demande)
agent-credentials-title = Identifiants du site
agent-credentials-kept = Le client a donné des identifiants de son site. Ils sont conservés chiffrés et supprimés quand la demande est résolue ou close. Les afficher est inscrit au journal d’audit.
agent-credentials-reveal = Afficher les identifiants
agent-credentials-none = Aucun identifiant de site n’a été donné.
agent-credentials-deleted = Des identifiants de site ont été donnés, puis supprimés.
agent-credentials-shown-once = Affichés une fois : le navigateur ne garde pas cette page, et les afficher à nouveau sera de nouveau inscrit au journal.
agent-credentials-back = Retour à la demande n°{ $number }
agent-merge-title = Fusionner un doublon
agent-merge-into = Numéro de la demande dont celle-ci est le doublon (même client)
agent-merge-submit = Fusionner dans cette demande
agent-merge-bad-number = Indiquez le numéro d’une autre demande de ce client.
agent-merged = Le doublon a été fusionné dans cette demande et le client prévenu.
admin-nav = Administration
admin-agents-title = Agents
admin-agents-col-email = Adresse e-mail
admin-agents-col-name = Nom
admin-agents-col-role = Rôle
admin-agents-col-status = Statut
admin-agents-col-actions = Actions
admin-role-admin = administrateur
admin-role-agent = agent
admin-active = actif
admin-inactive = désactivé
admin-deactivate = Désactiver
admin-new-password = Nouveau mot de passe
admin-reset-password = Changer le mot de passe
admin-add-title = Ajouter un agent
admin-add-name = Nom
admin-add-email = Adresse e-mail
admin-add-password = Mot de passe (8 caractères au moins)
admin-add-is-admin = Administrateur
admin-add-submit = Ajouter l’agent
admin-agent-added = L’agent a été ajouté.
admin-agent-deactivated = L’agent a été désactivé : ses sessions et ses jetons ne fonctionnent plus.
admin-password-set = Le mot de passe a été changé : les sessions de l’agent ont pris fin.
admin-agent-exists = Un agent a déjà cette adresse.
admin-password-too-short = 8 caractères au moins.
admin-fix-fields = Corrigez les champs signalés ci-dessous.
admin-not-yourself = Vous ne pouvez pas vous désactiver vous-même.
admin-audit-title = Journal d’audit
admin-audit-col-at = Quand
admin-audit-col-agent = Qui
admin-audit-col-action = Quoi
admin-audit-col-ticket = Demande
admin-audit-filter-action = Action
admin-audit-filter-agent = Agent
admin-audit-empty = Aucune entrée ne correspond.
admin-audit-reveal-credentials = a affiché les identifiants du site
admin-nav-agents = Agents
admin-audit-privacy-export = a exporté les données d’un client
admin-privacy-title = Demandes relatives aux données
admin-privacy-intro = Téléchargez tout ce qui est conservé sur une adresse de client : demandes, messages (notes internes comprises), achats et liste des pièces jointes. Les identifiants de site ne sont jamais exportés. Le téléchargement est inscrit au journal d’audit, sans l’adresse.
admin-privacy-email = Adresse e-mail du client
admin-privacy-export = Télécharger l’export (JSON)
admin-nav-privacy = Demandes relatives aux données
admin-audit-privacy-erase = a effacé les données d’un client
admin-erase-title = Effacer les données d’un client
admin-erase-intro = Ses demandes restent en lignes anonymes closes ; ses messages, pièces jointes, identifiants de site, liens de suivi et e-mails sont supprimés ; ses achats restent pour la comptabilité, sans l’adresse. C’est irréversible.
admin-erase-confirm = Je comprends que c’est irréversible
admin-erase-submit = Effacer
admin-erase-confirm-missing = Cochez la case pour confirmer.
admin-erased = Effacé : { $tickets } demande(s) anonymisée(s), { $messages } message(s) supprimé(s), { $purchases } achat(s) gardé(s) sans l’adresse.
agent-note-title = Note interne
agent-note-text = Note pour l’équipe (le client ne la voit jamais)
agent-note-add = Ajouter la note
agent-actions-title = Demande
agent-action-assign-me = Me l’attribuer
agent-action-unassign = Retirer l’attribution
agent-action-resolve = Résoudre
agent-action-close = Clore
agent-action-reopen = Rouvrir
agent-done = C’est fait.
agent-reply-sent = Votre réponse part vers le client.
agent-note-added = La note a été ajoutée.
agent-text-required = Écrivez d’abord un texte.
agent-not-allowed = Ce n’est pas possible dans l’état actuel de la demande.

## Le formulaire de demande.

form-title = Demander de l’aide
form-intro = L’assistance est réservée aux clients ayant acheté l’un de nos produits. Merci d’écrire depuis l’adresse e-mail utilisée lors de votre commande.
form-one-message = Les demandes sont traitées dans leur ordre d’arrivée. Chaque nouveau message que vous envoyez replace votre demande en fin de file d’attente : merci donc de tout mettre dans ce seul message, à savoir ce que vous avez fait, ce qui s’est passé, les messages d’erreur exacts et vos versions.
form-required-note = Les champs marqués d’un * sont obligatoires.
form-email = Adresse e-mail
form-email-hint = L’adresse utilisée lors de votre commande.
form-name = Votre nom
form-product = Produit
form-product-choose = Choisissez un produit
form-version = Version installée
form-version-hint = Telle qu’affichée dans votre interface d’administration, par exemple 3.7.28.
form-order-ref = Référence de commande (facultatif)
form-subject = Objet
form-description = Description du problème
form-description-hint = Les messages d’erreur exacts, les journaux utiles et les étapes qui ont mené au problème.
form-store-url = Adresse de la boutique
form-admin-url = Adresse de l’administration
form-url-hint = Une adresse complète, par exemple https://boutique.example.com
form-platform-version = Version de la plateforme
form-platform-version-hint = Par exemple WordPress 6.7 et WooCommerce 9.4, ou PrestaShop 8.2.
form-honeypot = Laissez ce champ vide
form-submit = Envoyer ma demande
form-errors-title = Merci de corriger les points suivants
form-csrf-failed = Ce formulaire a expiré ou a été envoyé depuis une autre page. Vos réponses sont conservées : vérifiez-les, puis renvoyez le formulaire.
form-rejected = Votre demande n’a pas pu être envoyée. Vérifiez le formulaire, puis renvoyez-le.
form-refused-title = Nous ne pouvons pas ouvrir cette demande
form-malformed = Le formulaire n’a pas pu être lu. Merci de le renvoyer depuis la page du formulaire.
form-too-large = Le formulaire est trop long pour être envoyé. Merci de raccourcir la description, puis de le renvoyer.
form-credentials-legend = Accès à votre site (facultatif)
form-credentials-intro = Si vous souhaitez que nous examinions votre site nous-mêmes, vous pouvez indiquer un identifiant d’administration et un accès FTP. Sinon, laissez ces champs vides.
form-admin-login = Identifiant d’administration
form-admin-password = Mot de passe d’administration
form-ftp-host = Serveur FTP
form-ftp-user = Utilisateur FTP
form-ftp-password = Mot de passe FTP
form-credentials-consent = J’accepte que l’équipe d’assistance les utilise pour se connecter à mon site ; ils sont chiffrés et supprimés lorsque la demande est résolue ou fermée.
form-credentials-consent-missing = Cochez cette case pour nous confier ces accès, ou videz les champs d’accès.

## Le portail.

portal-title = Demande n°{ $number }
portal-received = Nous avons bien reçu votre demande n°{ $number }. Merci.
portal-state-label = État
portal-state-needs-info = En attente du produit et de la version
portal-state-queued = En file d’attente
portal-state-assigned = Un membre de l’équipe s’en occupe
portal-state-waiting-customer = Réponse envoyée : en attente de votre retour
portal-state-resolved = Résolue
portal-state-closed = Fermée
portal-position = Position dans la file : { $position }
portal-subject = Objet
portal-link-label = Votre lien privé
portal-link-hint = Conservez ce lien pour suivre votre demande. Toute personne qui le possède peut lire cette page : ne le partagez pas.
portal-one-message = Chaque nouveau message replace votre demande en fin de file d’attente : merci de tout mettre dans un seul message.
portal-thread = Messages
portal-attachments = Fichiers joints
form-attachments = Joindre des fichiers (facultatif)
form-attachments-hint = Jusqu’à { $count } fichiers de { $size } chacun : { $types }.
attachment-too-large = Un fichier dépasse { $size }. Choisissez un fichier plus petit, ou compressez-le.
attachment-too-many = Vous pouvez joindre au plus { $count } fichiers.
attachment-type = Un fichier n’est pas accepté : son type ou son contenu ne correspond pas à son nom. Acceptés : { $types }.
attachments-choose-again = Les fichiers ne sont pas conservés quand le formulaire revient : merci de les choisir à nouveau.
portal-author-customer = Vous
portal-author-agent = L’équipe d’assistance
portal-author-system = Message automatique
portal-credentials-title = Accès à votre site
portal-credentials-kept = Vous nous avez confié des accès à votre site. Ils sont conservés chiffrés et seront supprimés lorsque cette demande sera résolue ou fermée.
portal-credentials-deleted = Vous nous avez confié des accès à votre site. Ils ont été supprimés.
portal-credentials-delete = Supprimer mes accès maintenant
portal-credentials-deleted-notice = Vos accès ont été supprimés.
portal-notice-label = Ce qui s’est passé
portal-reply-title = Ajouter un message
portal-reply-warning = Envoyer un message replace votre demande en fin de file d’attente. Si vous attendez une réponse, un nouveau message allonge votre attente.
portal-reply-message = Votre message
portal-reply-confirm = Je comprends que ma demande repasse en fin de file d’attente
portal-reply-confirm-missing = Cochez cette case pour envoyer votre message, ou gardez votre place en ne l’envoyant pas.
portal-reply-submit = Envoyer mon message
portal-reply-sent = Votre message a été ajouté. Votre demande est maintenant en position { $position } dans la file d’attente.
portal-reply-sent-no-queue = Votre message a été ajouté.
portal-solved-title = Votre problème est-il résolu ?
portal-solved-hint = Si le problème a disparu, dites-le-nous : votre demande quitte la file d’attente et plus personne ne la traite.
portal-solved-button = Mon problème est résolu
portal-solved-done = Merci. Votre demande est marquée comme résolue.
portal-solved-unchanged = Rien n’a été modifié. L’état de cette demande est : { $state }.
rate-limited-title = Merci de patienter un peu
rate-limited =
    { $minutes ->
        [one] Trop de messages ont été envoyés en peu de temps. Votre texte est conservé : renvoyez-le dans { $minutes } minute.
       *[other] Trop de messages ont été envoyés en peu de temps. Votre texte est conservé : renvoyez-le dans { $minutes } minutes.
    }

## La page de confidentialité.

privacy-title = Ce que nous conservons sur vous
privacy-intro = Ce service ne conserve que ce dont il a besoin pour répondre à vos demandes.
privacy-purchases = Vos achats, tels que notre boutique nous les transmet : référence de commande, adresse e-mail, produit, date d’achat, formule de support et extensions de support. Ils indiquent si vous avez droit à l’assistance.
privacy-tickets = Chaque demande : votre adresse e-mail et votre nom, le produit et sa version, l’objet, les adresses de la boutique et de l’administration, la version de la plateforme, la référence de commande, la langue, son état et ses dates.
privacy-messages = Les messages que vous et notre équipe écrivez sur une demande.
privacy-portal = Votre lien privé n’est pas conservé tel quel : seule une empreinte permet de le reconnaître.
privacy-mail = Une copie de chaque e-mail que nous vous envoyons.
privacy-credentials = Les accès à votre site, si vous les indiquez avec une demande : chiffrés, lisibles seulement par l’équipe d’assistance, et supprimés lorsque la demande est résolue ou fermée, ou plus tôt depuis votre lien privé.
privacy-attachments = Les fichiers que vous joignez à une demande ou à une réponse : conservés avec la demande, téléchargeables seulement depuis votre lien privé et par l’équipe d’assistance, jamais affichés comme une page web.
privacy-cookies = Deux cookies, pour ce site uniquement : votre langue, et une valeur aléatoire qui protège le formulaire contre les envois falsifiés.
privacy-logs = Les journaux de notre serveur enregistrent les requêtes sans adresse e-mail, adresse IP ni contenu de message.
privacy-not-kept = Tout le reste de ce que notre boutique sait de vous (adresse postale, téléphone, adresse IP) n’est pas conservé.

# desk: agent actions

mail-agent-reply-subject = Re: [#{ $number }] { $subject }
mail-agent-reply-footer = Pour nous répondre, répondez à ce message ou utilisez votre page : { $portal_url }
api-invalid-transition = impossible d’effectuer « { $action } » sur un ticket à l’état { $state }
api-already-assigned = le ticket est déjà attribué à un autre agent
field-unknown-agent = aucun agent actif n’a cette adresse
api-agent-inactive = l’agent de ce jeton n’est pas actif
api-not-same-customer = les deux tickets doivent appartenir au même client
api-merge-into-itself = un ticket ne peut pas être fusionné avec lui-même
mail-merged-subject = [#{ $number }] { $subject }
mail-merged-body =
    Bonjour { $name },

    Votre demande #{ $duplicate } porte sur le même problème que la demande #{ $number } « { $subject } » : nous les avons réunies. Tous vos messages se trouvent désormais sur la demande #{ $number }, et c’est là que nous vous répondrons.

    Vous pouvez la suivre sur cette page :
    { $portal_url }

    Pour ajouter quelque chose, répondez à cet e-mail ou utilisez la page ci-dessus.
merged-into = Cette demande a été réunie avec la demande #{ $number } : la conversation continue là-bas.

# search
agent-search-title = Rechercher des tickets
agent-search-label = Numéro, e-mail du client, référence de commande ou mots
agent-search-submit = Rechercher
agent-search-count = { $count ->
    [one] 1 ticket trouvé
   *[other] { $count } tickets trouvés
}
agent-search-none = Aucun ticket ne correspond à « { $query } ».
agent-search-col-ticket = Ticket
agent-search-col-state = État
agent-search-col-customer = Client
agent-search-col-subject = Objet
agent-search-col-extract = Extrait

## Admin: products, releases, purchases and the import.
admin-nav-products = Produits et versions
admin-nav-purchases = Achats
admin-nav-import = Importer des achats (CSV)
admin-products-title = Produits et versions
admin-products-col-slug = Identifiant
admin-products-col-name = Nom
admin-products-col-terms = Conditions de support
admin-products-col-supported = Versions prises en charge
admin-products-terms = { $days } jours offerts, au plus { $months } mois après l’achat, la dernière version et les { $back } précédentes
admin-products-supported = Prises en charge actuellement : { $versions }.
admin-products-any-version = Aucune version publiée : toutes les versions sont acceptées.
admin-products-empty = Aucun produit pour l’instant : ajoutez le premier ci-dessous.
admin-products-add-title = Ajouter un produit
admin-products-slug = Identifiant (dans les adresses, les fichiers CSV et les e-mails)
admin-products-slug-hint = 1 à 100 lettres minuscules, chiffres, - ou _
admin-products-name = Nom connu des clients
admin-products-free-days = Jours de support inclus avec un achat
admin-products-max-months = Support le plus long, en mois après l’achat
admin-products-max-months-hint = Aucune prolongation ne porte le support au-delà de ce plafond.
admin-products-releases-back = Versions prises en charge sous la dernière
admin-products-releases-back-hint = Avec 2, la dernière version et les deux précédentes sont prises en charge.
admin-products-add-submit = Ajouter le produit
admin-product-added = Le produit a été ajouté.
admin-product-exists = Un produit a déjà cet identifiant.
admin-product-title = Produit : { $name }
admin-releases-title = Versions publiées, de la plus récente à la plus ancienne
admin-releases-col-version = Version
admin-releases-col-date = Publiée le
admin-releases-col-status = Support
admin-release-supported = prise en charge
admin-release-not-supported = non prise en charge (trop ancienne)
admin-releases-empty = Aucune version publiée.
admin-release-add-title = Ajouter une version
admin-release-version = Version
admin-release-version-hint = Des nombres séparés par des points, comme 3.7.28 ou 1.7.8.10.
admin-release-date = Date de publication (facultative)
admin-release-date-hint = AAAA-MM-JJ
admin-release-add-submit = Ajouter la version
admin-release-added = La version a été ajoutée : les versions prises en charge ci-dessous en tiennent compte.
admin-release-exists = La version { $version } est déjà publiée pour ce produit (1.2 et 1.2.0 sont la même version).
admin-purchases-title = Achats
admin-purchases-search = E-mail du client ou référence de commande
admin-purchases-search-hint = Correspondance exacte, telle que la boutique l’a envoyée.
admin-purchases-found = Achats pour « { $query } »
admin-purchases-none = Aucun achat n’a cet e-mail ou cette référence de commande.
admin-purchases-col-order = Référence de commande
admin-purchases-col-product = Produit
admin-purchases-col-email = E-mail du client
admin-purchases-col-tier = Formule
admin-purchases-col-bought = Date d’achat
admin-purchases-col-until = Support jusqu’au
admin-purchases-col-extensions = Prolongations
admin-extend-title = Prolonger le support
admin-extend-intro = Une prolongation ajoute des mois calendaires à partir de la fin du support (ou de sa date, après une interruption), jamais au-delà du plafond du produit.
admin-extend-product-hint = Nécessaire seulement si la commande comporte plusieurs produits.
admin-extend-months = Mois de support achetés
admin-extend-date = Date d’achat de la prolongation (facultative)
admin-extend-date-hint = AAAA-MM-JJ ; aujourd’hui si vide.
admin-extend-ref = Référence de la prolongation dans la boutique (facultative)
admin-extend-ref-hint = Enregistrer deux fois la même référence ne change rien ; sans référence, chaque envoi enregistre une prolongation de plus.
admin-extend-submit = Enregistrer la prolongation
admin-extended = Prolongation enregistrée : le support se termine désormais le { $until } (il se terminait le { $before }).
admin-extend-reached-cap = Prolongation enregistrée : le support se termine désormais le { $until } (il se terminait le { $before }) ; le plafond de { $months } mois après l’achat l’a arrêté là.
admin-extend-capped = Prolongation enregistrée, mais rien n’a changé : le support atteint déjà le plafond de { $months } mois après l’achat ({ $cap }), il se termine donc toujours le { $until }.
admin-extend-already-recorded = La prolongation { $reference } était déjà enregistrée : rien n’a changé. Le support se termine le { $until }.
admin-extend-unknown-order = aucun achat n’a cette référence de commande
admin-extend-order-has = cette commande comporte : { $products }
admin-extend-ref-conflict = cette référence a été enregistrée avec d’autres mois, une autre date ou un autre achat
admin-purchase-add-title = Ajouter ou mettre à jour un achat
admin-purchase-choose-product = Choisissez un produit
admin-purchase-add-submit = Enregistrer l’achat
admin-purchase-unknown-product = aucun produit n’a cet identifiant
admin-purchase-created = L’achat a été ajouté.
admin-purchase-updated = L’achat de cette commande et de ce produit a été mis à jour.
admin-purchase-unchanged = Cet achat était déjà enregistré ainsi : rien n’a changé.
admin-import-title = Importer des achats (CSV)
admin-import-intro = Un fichier CSV avec une ligne d’en-tête et les colonnes order_ref, email, product, purchased_at et, au besoin, tier ; les autres colonnes sont ignorées et jamais enregistrées. Chaque ligne est traitée à part : une ligne erronée est signalée avec son numéro et les autres sont chargées, et importer de nouveau le même fichier ne change rien. { $size } Mo au plus ; pour un fichier plus gros, utilisez guichet purchase import.
admin-import-file = Fichier CSV
admin-import-paste = Ou collez le CSV ici
admin-import-submit = Importer
admin-import-done = Le fichier a été importé : le compte rendu figure ci-dessous.
admin-import-report = { $rows ->
    [one] { $rows } ligne
   *[other] { $rows } lignes
} : { $created ->
    [one] { $created } ajoutée
   *[other] { $created } ajoutées
}, { $updated ->
    [one] { $updated } mise à jour
   *[other] { $updated } mises à jour
}, { $unchanged ->
    [one] { $unchanged } inchangée
   *[other] { $unchanged } inchangées
}, { $rejected ->
    [one] { $rejected } refusée
   *[other] { $rejected } refusées
}
admin-import-problems = Lignes refusées (les autres lignes ont été importées)
admin-import-col-line = Ligne
admin-import-col-problem = Problème
admin-import-empty = Choisissez un fichier CSV ou collez son texte.
admin-import-too-large = Le CSV dépasse { $size } Mo : rien n’a été importé. Pour un fichier plus gros, utilisez guichet purchase import.
admin-import-not-utf8 = Le CSV n’est pas un texte UTF-8 (ligne { $line }) : rien n’a été importé. Enregistrez-le en UTF-8 et réessayez.
admin-import-bad-header = Rien n’a été importé : { $problem }

## Admin: API tokens, canned responses, settings, one navigation.

admin-nav-label = Pages d’administration
admin-nav-tokens = Jetons d’API
admin-nav-canned = Réponses types
admin-nav-settings = Réglages
admin-audit-col-detail = Détail
admin-audit-token-created = A créé un jeton d’API
admin-audit-token-revoked = A révoqué un jeton d’API
admin-audit-canned-added = A ajouté une réponse type
admin-audit-canned-edited = A modifié une réponse type
admin-audit-canned-deleted = A supprimé une réponse type
admin-audit-setting-saved = A enregistré un réglage
admin-audit-setting-cleared = A retiré un réglage enregistré
admin-tokens-title = Jetons d’API
admin-tokens-intro = Un jeton permet à une boutique, un site ou un script d’utiliser l’API JSON (/api/v1), dans l’en-tête Authorization sous la forme Bearer JETON. Seule son empreinte est conservée : un jeton n’est donc montré qu’une fois, à sa création. Révoquer un jeton le supprime : les requêtes qui le portent sont refusées aussitôt, et il quitte cette liste. Le guichet n’enregistre pas la dernière utilisation d’un jeton.
admin-tokens-col-name = Nom
admin-tokens-col-scope = Ce qu’il permet
admin-tokens-col-agent = Agit comme
admin-tokens-col-created = Créé le
admin-tokens-col-actions = Actions
admin-tokens-empty = Aucun jeton d’API pour l’instant.
admin-tokens-revoke = Révoquer
admin-tokens-revoke-label = Révoquer le jeton { $name }
admin-tokens-agent-inactive = { $email } (désactivé : le jeton est refusé)
admin-tokens-add-title = Créer un jeton
admin-tokens-name = Nom
admin-tokens-name-hint = Pour reconnaître le jeton, par exemple la boutique ou le script qui l’utilise.
admin-tokens-scope = Ce qu’il permet
admin-tokens-scope-pick = Choisissez…
admin-tokens-scope-intake = intake : créer des demandes (un formulaire de contact)
admin-tokens-scope-purchases = purchases : envoyer achats, prolongations et versions (la boutique)
admin-tokens-scope-agent = agent : agir comme un agent (scripts du guichet)
admin-tokens-agent = Agent au nom duquel le jeton agit
admin-tokens-agent-hint = Seulement pour un jeton agent.
admin-tokens-agent-none = Aucun
admin-tokens-add-submit = Créer le jeton
admin-tokens-scope-required = Choisissez ce que le jeton permet.
admin-tokens-agent-required = Choisissez l’agent actif au nom duquel le jeton agit.
admin-tokens-agent-not-allowed = Seul un jeton agent agit au nom d’un agent : choisissez Aucun.
admin-token-created-title = Votre nouveau jeton
admin-token-created = Le jeton « { $name } » a été créé. Copiez-le maintenant : il ne sera plus jamais affiché.
admin-token-value = Jeton
admin-token-revoked = Le jeton a été révoqué : les requêtes qui le portent sont désormais refusées.
admin-token-unknown = Ce jeton n’existe pas : il a peut-être déjà été révoqué.
admin-canned-title = Réponses types
admin-canned-intro = Des réponses prêtes que les agents insèrent dans une réponse depuis la page d’une demande, qui propose celles écrites dans la langue de la demande. Une réponse qui résout la demande la résout à son envoi.
admin-canned-lang-en = Anglais
admin-canned-lang-fr = Français
admin-canned-col-title = Titre
admin-canned-col-resolves = Résout la demande
admin-canned-yes = oui
admin-canned-no = non
admin-canned-empty-lang = Aucune dans cette langue.
admin-canned-add-title = Ajouter une réponse type
admin-canned-edit-title = Modifier une réponse type
admin-canned-lang = Langue
admin-canned-lang-pick = Choisissez…
admin-canned-title-field = Titre
admin-canned-title-hint = Ce que les agents choisissent sur la page d’une demande.
admin-canned-body = Texte de la réponse
admin-canned-resolves = L’envoyer résout la demande
admin-canned-add-submit = Ajouter la réponse
admin-canned-save-submit = Enregistrer les modifications
admin-canned-delete-title = La supprimer
admin-canned-delete-intro = Les agents ne la trouveront plus sur les pages des demandes. Les réponses déjà envoyées restent.
admin-canned-delete = Supprimer cette réponse
admin-canned-added = La réponse type a été ajoutée.
admin-canned-saved = La réponse type a été enregistrée.
admin-canned-deleted = La réponse type a été supprimée.
admin-canned-lang-unknown = Choisissez l’anglais ou le français.
admin-canned-title-taken = Une autre réponse dans cette langue porte ce titre.
admin-settings-title = Réglages
admin-settings-intro = La valeur en vigueur de chaque réglage vient de la couche la plus haute qui le fixe : une option de la ligne de commande, puis une variable d’environnement GUICHET_…, puis guichet.toml dans le dossier des données, puis une valeur enregistrée sur cette page, puis la valeur par défaut. Une option, une variable ou le fichier l’emporte sur une valeur enregistrée ici.
admin-settings-restart = Une valeur enregistrée ici est conservée aussitôt mais s’applique au prochain démarrage de guichet : chaque processus lit ses réglages en démarrant. Redémarrez chaque processus guichet serve pour l’appliquer.
admin-settings-col-setting = Réglage
admin-settings-col-in-force = En vigueur
admin-settings-col-from = Origine
admin-settings-col-saved = Valeur enregistrée
admin-settings-from-flag = option de la ligne de commande
admin-settings-from-env = variable d’environnement { $variable }
admin-settings-from-file = fichier { $path }
admin-settings-from-saved = enregistrée sur cette page
admin-settings-from-default = valeur par défaut
admin-settings-overridden = La valeur enregistrée { $value } n’est pas en vigueur : { $source } l’emporte.
admin-settings-pending = Enregistrée : { $value } s’applique au prochain démarrage.
admin-settings-removed-pending = La valeur enregistrée a été retirée : les couches inférieures s’appliquent au prochain démarrage.
admin-settings-saved-hint = Vide : aucune valeur enregistrée.
admin-settings-not-saved = Aucune valeur enregistrée
admin-settings-on = activé (true)
admin-settings-off = désactivé (false)
admin-settings-submit = Enregistrer les réglages
admin-settings-saved = Les réglages ont été enregistrés. Ils s’appliquent au prochain démarrage de guichet.
admin-settings-unchanged = Rien n’a changé.
admin-settings-bad = Valeur refusée pour { $key } :
admin-setting-time-zone = Fuseau horaire du guichet (nom IANA, par exemple Europe/Paris)
admin-setting-business-days = Jours ouvrés (par exemple mon-fri ou mon,tue,thu)
admin-setting-business-hours = Heures ouvrées de chaque jour ouvré (par exemple 09:00-18:00)
admin-setting-response-target = Objectif de première réponse, en heures ouvrées
admin-setting-autoresolve-days = Jours sans réponse du client avant qu’une demande en attente soit résolue
admin-setting-reopen-days = Jours pendant lesquels un message du client rouvre une demande résolue
admin-setting-requeue-on-reply = Un message du client sur une demande en attente la remet en fin de file
admin-setting-attachment-max-count = Fichiers joints à un envoi de formulaire (0 : aucun)
admin-setting-attachment-max-bytes = Taille maximale d’une pièce jointe, en octets
admin-setting-attachment-types = Extensions de pièces jointes acceptées, séparées par des virgules
