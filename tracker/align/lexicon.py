"""A small French-to-English word table for the aligner: names, months, days, number words and frequent news words.

Keys and values are lower-case and accent-free; a word missing here still matches through its cognate prefix.
"""

from __future__ import annotations

import unicodedata

from tracker.facts.vocabulary import _EN_NUMBERS, _EN_VAGUE, _FR_NUMBERS, _FR_VAGUE, _SCALES

# Number words map to digit strings so that `huit mois` meets `eight months` and `8 months`. The words and their
# values come from the facts' tables; the aligner only needs a cheap key per word, so ordinals, halves and quarters
# become plain tokens (`1st`, `half`) and compound numbers (`dix-sept`) are left to the cognate prefix.
_VAGUE = {**_FR_VAGUE, **_EN_VAGUE}
_CARDINALS = {word: value for table in (_FR_NUMBERS, _EN_NUMBERS) for word, value in table.items() if "-" not in word}
_CARDINALS |= {word: int(_VAGUE[word][0]) for word in ("cent", "hundred", "mille", "thousand")}
_ORDINALS: tuple[str, ...] = ("premier", "première", "first", "deuxième", "second", "troisième", "third")
_ORDINALS += ("quatrième", "fourth", "cinquième", "fifth")
_SUFFIX = {1: "st", 2: "nd", 3: "rd"}


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _ordinal(word: str) -> str:
    rank = int(_VAGUE[word][0])
    return f"{rank}{_SUFFIX.get(rank, 'th')}"


NUMBER_WORDS: dict[str, str] = {_plain(word): str(value) for word, value in _CARDINALS.items()}
NUMBER_WORDS |= {_plain(word): _ordinal(word) for word in _ORDINALS}
NUMBER_WORDS |= {_plain(word): "half" for word in ("moitié", "demi", "half") if 0.5 in _VAGUE[word]}
NUMBER_WORDS |= {word: "quarter" for word in ("quart", "quarter") if 0.25 in _VAGUE[word]}
NUMBER_WORDS |= {word: "billion" for word in ("milliard", "milliards", "md", "mds") if _SCALES[word] == 1e9}

# Words that are not numbers but should meet their English counterpart; many are names spelled differently.
# fmt: off
WORDS: dict[str, str] = {
    "poutine": "putin", "sotchi": "sochi", "bakou": "baku", "erevan": "yerevan", "aliev": "aliyev",
    "pachinian": "pashinian", "otsc": "csto", "otan": "nato", "onu": "un", "ue": "eu", "moscou": "moscow",
    "pekin": "beijing", "londres": "london", "bruxelles": "brussels", "geneve": "geneva", "varsovie": "warsaw",
    "venise": "venice", "allemagne": "germany", "allemand": "german", "allemande": "german", "angleterre": "england",
    "anglais": "english", "espagne": "spain", "espagnol": "spanish", "etats": "states", "unis": "united",
    "americain": "american", "americaine": "american", "americains": "american", "chine": "china",
    "chinois": "chinese", "japon": "japan", "inde": "india", "grece": "greece", "turquie": "turkey",
    "egypte": "egypt", "syrie": "syria", "irak": "iraq", "liban": "lebanon", "libye": "libya", "mexique": "mexico",
    "bresil": "brazil", "bresilien": "brazilian", "bresilienne": "brazilian", "ecosse": "scotland",
    "irlande": "ireland", "suede": "sweden", "norvege": "norway", "pologne": "poland", "hongrie": "hungary",
    "royaume": "kingdom", "uni": "united", "haut": "nagorno", "russe": "russian", "russes": "russian",
    "arabie": "arabia", "saoudite": "saudi", "israelien": "israeli", "palestinien": "palestinian",
    "australie": "australia", "australien": "australian", "australienne": "australian", "europeen": "european",
    "europeenne": "european", "europeens": "european", "francais": "french", "francaise": "french",
    "britannique": "british", "britanniques": "british", "janvier": "january", "fevrier": "february", "mars": "march",
    "avril": "april", "mai": "may", "juin": "june", "juillet": "july", "aout": "august", "septembre": "september",
    "octobre": "october", "novembre": "november", "decembre": "december", "lundi": "monday", "mardi": "tuesday",
    "mercredi": "wednesday", "jeudi": "thursday", "vendredi": "friday", "samedi": "saturday", "dimanche": "sunday",
    "hier": "yesterday", "aujourd": "today", "demain": "tomorrow", "gouvernement": "government",
    "ministre": "minister", "ministere": "ministry", "depute": "deputy", "pays": "country", "ans": "years",
    "annee": "year", "annees": "years", "mois": "month", "semaine": "week", "semaines": "weeks", "jour": "day",
    "jours": "days", "heure": "hour", "heures": "hours", "dit": "said", "declare": "said", "declaration": "statement",
    "affirme": "said", "explique": "said", "ajoute": "added", "selon": "according", "chef": "chief",
    "dirigeant": "leader", "dirigeants": "leaders", "pouvoir": "power", "loi": "law", "lois": "laws",
    "projet": "bill", "tribunal": "court", "cour": "court", "juge": "judge", "avocat": "lawyer", "police": "police",
    "policier": "police", "enquete": "investigation", "prison": "prison", "mort": "death", "morts": "dead",
    "tue": "killed", "tues": "killed", "blesse": "injured", "guerre": "war", "paix": "peace", "armee": "army",
    "soldats": "soldiers", "troupes": "troops", "ville": "city", "monde": "world", "mondial": "global",
    "societe": "company", "entreprise": "company", "entreprises": "companies", "banque": "bank", "argent": "money",
    "prix": "price", "cout": "cost", "couts": "costs", "emploi": "job", "emplois": "jobs", "travail": "work",
    "travailleurs": "workers", "salaire": "wage", "impot": "tax", "impots": "taxes", "taxe": "tax", "dette": "debt",
    "croissance": "growth", "hausse": "rise", "baisse": "fall", "chute": "fall", "augmente": "increased",
    "benefice": "profit", "benefices": "profits", "revenus": "revenue", "ventes": "sales", "action": "share",
    "actions": "shares", "bourse": "stock", "marche": "market", "marches": "markets", "avion": "plane",
    "avions": "aircraft", "voiture": "car", "voitures": "cars", "route": "road", "chemin": "way", "fer": "rail",
    "train": "train", "ecole": "school", "ecoles": "schools", "eleves": "students", "etudiants": "students",
    "enfant": "child", "enfants": "children", "femme": "woman", "femmes": "women", "homme": "man", "hommes": "men",
    "fille": "girl", "filles": "girls", "garcon": "boy", "garcons": "boys", "fils": "son", "mere": "mother",
    "pere": "father", "famille": "family", "familles": "families", "gens": "people", "personnes": "people",
    "population": "population", "habitants": "residents", "medecin": "doctor", "medecins": "doctors",
    "hopital": "hospital", "sante": "health", "maladie": "disease", "cancer": "cancer", "recherche": "research",
    "chercheurs": "researchers", "etude": "study", "livre": "book", "journal": "newspaper",
    "journaliste": "journalist", "journalistes": "journalists", "medias": "media", "presse": "press",
    "election": "election", "elections": "elections", "vote": "vote", "parti": "party", "president": "president",
    "presidente": "president", "nouveau": "new", "nouvelle": "new", "nouveaux": "new", "grand": "large",
    "grande": "large", "petit": "small", "petite": "small", "plus": "more", "moins": "less", "dernier": "last",
    "derniere": "last", "prochain": "next", "prochaine": "next", "seulement": "only", "toujours": "always",
    "jamais": "never", "encore": "still", "deja": "already", "depuis": "since", "pendant": "during",
    "avant": "before", "apres": "after", "contre": "against", "sans": "without", "entre": "between",
    "pourquoi": "why", "comment": "how", "quand": "when", "beaucoup": "many", "sud": "south", "nord": "north",
    "ouest": "west", "frontiere": "border", "accord": "agreement", "sommet": "summit", "pourparlers": "talks",
    "reunion": "meeting", "rencontre": "meeting", "conflit": "conflict", "attaque": "attack", "attentat": "attack",
    "bombe": "bomb", "feu": "fire", "eau": "water", "terre": "land", "mer": "sea", "ciel": "sky", "temps": "time",
    "fois": "times", "chien": "dog", "chiens": "dogs", "chat": "cat", "cheval": "horse", "oiseau": "bird",
    "arbre": "tree", "maison": "house", "maisons": "houses", "logement": "housing", "batiment": "building",
    "eglise": "church", "droit": "right", "droits": "rights", "libre": "free", "liberte": "freedom",
    "securite": "security", "espionnage": "spying", "renseignement": "intelligence", "ecoute": "surveillance",
    "donnees": "data", "telephone": "phone", "ordinateur": "computer", "logiciel": "software", "reseau": "network",
    "sociaux": "social", "jeu": "game", "jeux": "games", "equipe": "team", "joueur": "player", "joueurs": "players",
    "match": "match", "saison": "season", "victoire": "victory", "defaite": "defeat", "vol": "flight",
    "vols": "flights", "essai": "test", "essais": "tests", "compagnie": "airline", "aerienne": "air",
    "aeroport": "airport", "passagers": "passengers", "sieges": "seats", "siege": "seat", "constructeur": "maker",
    "commandes": "orders", "livraisons": "deliveries", "clients": "customers", "fumer": "smoking", "tabac": "tobacco",
    "cigarettes": "cigarettes", "drogue": "drug", "drogues": "drugs", "tunnel": "tunnel",
    "enquetes": "investigations", "accuse": "accused", "accuses": "accused", "condamne": "sentenced",
    "peine": "sentence", "temoin": "witness", "victime": "victim", "victimes": "victims", "vie": "life",
    "puberte": "puberty", "sein": "breast", "seins": "breasts", "poids": "weight", "age": "age", "ages": "aged",
    "vieux": "old", "jeune": "young", "jeunes": "young",
}
# fmt: on

# French stems (a word starting with one, longest first) and the English word they mean; for common news words
# whose English has no shared first letters. Written with accents; the feature code folds them.
STEMS_TEXT = """
sœur:sister frère:brother mari:husband épouse:wife enfant:child gamin:kid bébé:baby fille:daughter garçon:boy
voisin:neighbour ami:friend amie:friend copain:friend gens:people peuple:people foule:crowd habitant:resident
manger:eat mangé:eat boire:drink nourriture:food repas:meal tard:late tôt:early bientôt:soon souvent:often
parfois:sometimes jamais:never toujours:always aujourd:today hier:yesterday demain:tomorrow soir:evening
matin:morning nuit:night semaine:week mois:month année:year siècle:century heure:hour minute:minute
dire:say disent:say déclar:said ajout:add expliqu:explain estim:estimate souligné:stress
indiqu:indicate annonc:announce nié:deny nier:deny démenti:deny refus:refuse
accept:accept rejet:reject demand:ask répond:answer réponse:answer question:question parler:speak
parlé:speak discours:speech entretien:interview appel:call appelé:call écrit:write écrire:write lire:read
voir:see vu:see regard:look sembl:seem paraît:seem croire:believe pense:think penser:think savoir:know
sait:know connaît:know connu:know apprendre:learn comprendre:understand trouv:find cherch:search
perdu:lost perdre:lose gagn:win aider:help aidé:help aide:help essay:try tenter:try tenté:try
vouloir:want veut:want voulait:want pouvoir:can peut:can devoir:must doit:must falloir:need besoin:need
faut:need donner:give donné:give prendre:take pris:take mettre:put garder:keep laisser:leave
quitt:leave partir:leave parti:party arriv:arrive venir:come venu:come revenir:return retour:return
aller:go allé:go sortir:out entrer:enter entré:enter ouvrir:open ouvert:open fermer:close fermé:close
commenc:begin début:start finir:end termin:end arrêt:stop arrêté:arrest continu:continue
rester:stay resté:stay vivre:live vécu:live vie:life mourir:die mort:death décéd:died tuer:kill tué:kill
blessé:injur soign:treat guérir:cure malade:ill maladie:disease médecin:doctor hôpital:hospital
santé:health infirmi:nurse patient:patient douleur:pain sang:blood cœur:heart cerveau:brain corps:body
tête:head visage:face yeux:eyes œil:eye jambe:leg peau:skin
dent:tooth poids:weight taille:size sein:breast vêtement:clothes habit:clothes
chaussure:shoe chapeau:hat porter:wear porté:wear beau:beautiful belle:beautiful joli:pretty
petit:small gros:big énorme:huge long:long haut:high bas:low nouveau:new
nouvel:new nouvelle:new vieux:old vieil:old ancien:former jeune:young faible:weak
dur:hard facile:easy difficile:difficult vrai:true faux:false certain:certain sûr:sure possible:possible
meilleur:best pire:worse mieux:better mauvais:bad bon:good bonne:good heureux:happy triste:sad
peur:fear craint:fear inquiet:concern colère:anger fier:proud fierté:pride honte:shame
argent:money dollar:dollar euro:euro prix:price coût:cost payer:pay payé:pay
acheter:buy acheté:buy vendre:sell vendu:sell vente:sale achat:purchase dépens:spend économi:econom
banque:bank bancaire:bank entreprise:company société:company firme:firm usine:factory magasin:store
boutique:shop marché:market bourse:stock action:share actionnaire:shareholder bénéfice:profit
chiffre:figure recette:revenue revenu:revenue perte:loss dette:debt prêt:loan taux:rate hausse:rise
baisse:fall chute:fall augment:increase diminu:decrease réduire:reduce réduit:reduce croissance:growth
emploi:job travail:work travaill:work salarié:employee employé:employee personnel:staff patron:boss
directeur:director dirigeant:leader chef:chief président:president ministre:minister gouvern:government
député:mp sénat:senate élu:elected élection:election vote:vote parti:party loi:law
règle:rule mesure:measure politique:policy pays:country état:state nation:nation ville:city village:village
région:region quartier:neighbourhood route:road pont:bridge maison:house logement:housing
bâtiment:building immeuble:building église:church école:school élève:student étudiant:student
enseignant:teacher professeur:professor université:university cours:course examen:exam
police:police policier:officer agent:officer enquête:investigat enquêt:investigat preuve:evidence
témoign:testimony témoin:witness juge:judge procès:trial tribunal:court avocat:lawyer accus:accus
condamn:sentence peine:sentence prison:prison détenu:prisoner crime:crime délit:offence
voleur:thief arme:weapon fusil:gun tiré:shot balle:bullet bombe:bomb explos:explosion
attaque:attack attentat:attack guerre:war paix:peace armée:army soldat:soldier militaire:military
troupe:troop combat:fight rebelle:rebel otage:hostage réfugié:refugee frontière:border sécurité:security
menace:threat danger:danger risque:risk sauver:rescue secour:rescue pompier:firefighter incendie:fire
feu:fire eau:water mer:sea plage:beach rivière:river fleuve:river lac:lake montagne:mountain
forêt:forest arbre:tree fleur:flower terre:earth ciel:sky soleil:sun pluie:rain neige:snow
tempête:storm vent:wind chaleur:heat froid:cold temps:time météo:weather climat:climate
chien:dog cheval:horse oiseau:bird poisson:fish animal:animal
voiture:car camion:truck avion:plane aéroport:airport train:train navire:ship bateau:boat
conduire:drive conducteur:driver passager:passenger voyage:travel touriste:tourist vacances:holiday
jeu:game jouer:play joué:play joueur:player équipe:team match:match saison:season victoire:win
défaite:defeat championnat:championship entraîn:train entraîneur:coach fan:fan supporter:fan
musique:music chanson:song chanteur:singer chanteuse:singer film:film cinéma:cinema livre:book
journal:newspaper presse:press média:media chaîne:channel émission:show télévision:television
téléphone:phone ordinateur:computer logiciel:software internet:internet réseau:network site:site
donnée:data courriel:email message:message espion:spy surveill:surveillance renseign:intelligence
secret:secret écoute:eavesdrop
fête:party cadeau:gift anniversaire:birthday mariage:wedding enterrement:funeral tombe:grave
costume:costume
recherche:research chercheur:researcher scientifique:scientist étude:study expert:expert
découv:discover découverte:discovery virus:virus cellule:cell
tabac:tobacco fumer:smoke fumeur:smoker alcool:alcohol drogue:drug cannabis:marijuana
tunnel:tunnel passage:passage tonne:ton kilo:kilogram
mètre:metre kilomètre:kilometre pourcent:percent moitié:half tiers:third quart:quarter
chaque:each plusieurs:several beaucoup:many peu:few nombre:number environ:about presque:almost
seulement:only encore:again déjà:already depuis:since pendant:during avant:before après:after
contre:against sans:without malgré:despite cependant:however toutefois:however pourtant:yet
ainsi:thus alors:then parce:because selon:according lorsque:when pourquoi:why
comment:how quelque:some chose:thing rien:nothing personne:person tout:all ensemble:together
seul:alone autre:other même:same différent:different plupart:most premier:first dernier:last
prochain:next suivant:following précédent:previous récent:recent actuel:current futur:future
présent:present moment:moment époque:era histoire:history avenir:future
devenir:become devenu:become tomber:fall tombé:fall courir:run marcher:walk assis:sit lever:rise dormir:sleep
réveill:wake attendre:wait attendu:expected envoyer:send envoyé:send montrer:show montré:show chanter:sing
rire:laugh pleurer:cry sourire:smile crier:shout oublier:forget oublié:forget rappeler:remind jeter:throw
pousser:push tenir:hold tenu:hold saisir:seize frapper:hit battre:beat brûler:burn couper:cut construire:build
construit:build détruire:destroy détruit:destroy changer:change choisir:choose choisi:choose apporter:bring
emmener:take mener:lead suivre:follow suivi:follow rencontrer:meet partager:share utiliser:use utilisé:use
obtenir:obtain obtenu:obtain atteindre:reach atteint:reach permettre:allow permis:allow empêcher:prevent
éviter:avoid craindre:fear espérer:hope espoir:hope souhait:wish aimer:love aimé:love manquer:miss
remplacer:replace enlever:remove compter:count vérifier:check réussir:succeed réussi:succeed échouer:fail
échec:failure soutenir:support soutien:support exiger:demand interdire:ban interdit:ban libérer:free
bureau:office lieu:place endroit:place pièce:room chambre:room fenêtre:window porte:door mur:wall toit:roof
lit:bed chaise:chair vélo:bike mot:word voix:voice bruit:noise lumière:light ombre:shadow couleur:colour
noir:black blanc:white rouge:red vert:green bleu:blue jaune:yellow gris:grey bois:wood pierre:stone verre:glass
papier:paper somme:sum montant:amount loyer:rent retraite:pension chômage:unemployment grève:strike
syndicat:union ouvrier:worker agriculteur:farmer paysan:farmer pêcheur:fisherman marin:sailor maire:mayor
roi:king reine:queen dieu:god âme:soul esprit:mind rêve:dream souvenir:memory joie:joy bonheur:happiness
amour:love haine:hate larme:tear bouche:mouth nez:nose oreille:ear doigt:finger genou:knee épaule:shoulder
dos:back ventre:belly plein:full vide:empty chaud:hot lourd:heavy léger:light lent:slow riche:rich pauvre:poor
vivant:alive étrange:strange étranger:foreign sombre:dark clair:clear doux:soft fou:mad gentil:kind
célèbre:famous sérieux:serious entier:whole puissant:powerful lointain:distant proche:close loin:far
vite:quickly lentement:slowly ailleurs:elsewhere partout:everywhere dehors:outside maintenant:now enfin:finally
vraiment:really surtout:especially notamment:including hôtel:hotel chemin:path voyageur:traveller
navire:ship port:port île:island côte:coast vallée:valley champ:field jardin:garden ferme:farm
"""
