-- Canned responses: answers an agent inserts into a reply (or sends as they are), one row per
-- topic and language. Seeded with the out-of-scope cases of the support policy in English and
-- French; `resolves` marks the ones that settle the request, so sending one resolves the ticket.
CREATE TABLE canned_responses (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL,
    lang TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    resolves BOOLEAN NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (slug, lang)
);

INSERT INTO canned_responses (slug, lang, title, body, resolves, created_at, updated_at) VALUES
    ('customisation', 'en', 'Out of scope: customisation', 'Thank you for your message.

Changing how the module looks or works beyond its settings is customisation work, which our support does not cover: support is for the module as it is shipped, on a supported version. A developer or an agency can make these changes for you, and we are glad to tell them which hooks and settings the module offers.

We are resolving this request; reply to this mail if we misunderstood your question.', 1, '2026-12-02 00:00:00', '2026-12-02 00:00:00'),
    ('customisation', 'fr', 'Hors assistance : personnalisation', 'Merci pour votre message.

Modifier l’apparence ou le fonctionnement du module au-delà de ses réglages relève de la personnalisation, que notre assistance ne couvre pas : elle porte sur le module tel qu’il est livré, dans une version prise en charge. Un développeur ou une agence peut faire ces modifications pour vous, et nous leur indiquerons volontiers les points d’extension et les réglages que propose le module.

Nous résolvons cette demande ; répondez à ce message si nous avons mal compris votre question.', 1, '2026-12-02 00:00:00', '2026-12-02 00:00:00'),
    ('seo', 'en', 'Out of scope: SEO', 'Thank you for your message.

Search-engine ranking depends on your content, your theme and many other factors, and advice on it is outside what our support covers. If the module produces wrong markup or a wrong page title, tell us which page and what you expected, and we will look at it as a bug.

We are resolving this request; reply to this mail if it is about such a bug.', 1, '2026-12-02 00:00:00', '2026-12-02 00:00:00'),
    ('seo', 'fr', 'Hors assistance : référencement', 'Merci pour votre message.

Le référencement dans les moteurs de recherche dépend de vos contenus, de votre thème et de bien d’autres facteurs ; les conseils en la matière sortent du cadre de notre assistance. Si le module produit un balisage ou un titre de page erroné, indiquez-nous la page et le résultat attendu : nous le traiterons comme une anomalie.

Nous résolvons cette demande ; répondez à ce message s’il s’agit d’une telle anomalie.', 1, '2026-12-02 00:00:00', '2026-12-02 00:00:00'),
    ('platform-help', 'en', 'Out of scope: general WordPress, WooCommerce or PrestaShop help', 'Thank you for your message.

Your question is about the shop platform itself (WordPress, WooCommerce or PrestaShop) rather than about our module, and our support covers our module only. The platform’s own documentation and forums, or your hosting provider, are the best places for it.

We are resolving this request; reply to this mail if our module is involved after all.', 1, '2026-12-02 00:00:00', '2026-12-02 00:00:00'),
    ('platform-help', 'fr', 'Hors assistance : aide générale WordPress, WooCommerce ou PrestaShop', 'Merci pour votre message.

Votre question porte sur la plateforme de votre boutique (WordPress, WooCommerce ou PrestaShop) plutôt que sur notre module, et notre assistance ne couvre que le module. La documentation et les forums de la plateforme, ou votre hébergeur, sauront mieux vous répondre.

Nous résolvons cette demande ; répondez à ce message si notre module est finalement en cause.', 1, '2026-12-02 00:00:00', '2026-12-02 00:00:00'),
    ('migration', 'en', 'Out of scope: migration', 'Thank you for your message.

Moving a shop to another server, domain or platform version, and moving its data, is migration work that our support does not cover. Once the move is done, the module’s settings can be checked on the new site; if it then misbehaves on a supported version, write to us with the details.

We are resolving this request.', 1, '2026-12-02 00:00:00', '2026-12-02 00:00:00'),
    ('migration', 'fr', 'Hors assistance : migration', 'Merci pour votre message.

Déplacer une boutique vers un autre serveur, un autre domaine ou une autre version de la plateforme, avec ses données, relève de la migration, que notre assistance ne couvre pas. Une fois le déplacement fait, vérifiez les réglages du module sur le nouveau site ; s’il fonctionne mal dans une version prise en charge, écrivez-nous avec les détails.

Nous résolvons cette demande.', 1, '2026-12-02 00:00:00', '2026-12-02 00:00:00'),
    ('third-party', 'en', 'Out of scope: conflict with a third-party extension', 'Thank you for your message.

The problem appears only together with another extension or theme that we do not make, and we cannot support or change third-party code. Please tell its author which of our module’s features is affected; we will gladly answer their technical questions. If the problem also appears with that extension disabled, reply to this mail and we will look into it.

We are resolving this request.', 1, '2026-12-02 00:00:00', '2026-12-02 00:00:00'),
    ('third-party', 'fr', 'Hors assistance : conflit avec une extension tierce', 'Merci pour votre message.

Le problème n’apparaît qu’avec une autre extension ou un thème que nous ne développons pas, et nous ne pouvons ni prendre en charge ni modifier un code tiers. Signalez à son auteur la fonction de notre module concernée ; nous répondrons volontiers à ses questions techniques. Si le problème apparaît aussi avec cette extension désactivée, répondez à ce message et nous l’examinerons.

Nous résolvons cette demande.', 1, '2026-12-02 00:00:00', '2026-12-02 00:00:00');
