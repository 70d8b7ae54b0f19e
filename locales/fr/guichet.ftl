# guichet — catalogue français.
# Chaque message doit exister dans locales/en/guichet.ftl avec les mêmes variables.

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
