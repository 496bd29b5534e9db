package gensite

// Word lists and text makers, from ../shared/bench/gen-postings (the generator
// the Hugo comparison uses), so that both sites are written alike.

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

type job struct {
	slug, fr, en, subject string
}

var jobs = []job{
	{"mediateur-interculturel", "Médiateur·rice interculturel·le", "Intercultural mediator", "candidature médiateur.rice interculturel.le"},
	{"charge-communication", "Chargé·e de communication", "Communications officer", "candidature chargé.e de communication"},
	{"coordinateur-projet", "Coordinateur·rice de projet", "Project coordinator", "candidature coordinateur.rice de projet"},
	{"travailleur-social", "Travailleur·se social·e", "Social worker", "candidature travailleur.se social.e"},
	{"juriste-droit-etrangers", "Juriste en droit des étrangers", "Immigration lawyer", "candidature juriste droit des étrangers"},
	{"animateur-socioculturel", "Animateur·rice socio-culturel·le", "Community youth worker", "candidature animateur.rice"},
	{"assistant-administratif", "Assistant·e administratif·ve et financier·ère", "Administrative and finance assistant", "candidature assistant.e administratif.ve"},
	{"developpeur-web", "Développeur·se web", "Web developer", "candidature développeur.se web"},
	{"responsable-collecte", "Responsable de la collecte de fonds", "Head of fundraising", "candidature responsable collecte"},
	{"psychologue", "Psychologue clinicien·ne", "Clinical psychologist", "candidature psychologue"},
	{"charge-plaidoyer", "Chargé·e de plaidoyer", "Advocacy officer", "candidature chargé.e de plaidoyer"},
	{"educateur-specialise", "Éducateur·rice spécialisé·e", "Specialised youth educator", "candidature éducateur.rice spécialisé.e"},
}

type place struct{ city, postal, region string }

var places = []place{
	{"Calais", "62100", "Hauts-de-France"}, {"Paris", "75011", "Île-de-France"},
	{"Lyon", "69007", "Auvergne-Rhône-Alpes"}, {"Marseille", "13003", "Provence-Alpes-Côte d'Azur"},
	{"Grenoble", "38000", "Auvergne-Rhône-Alpes"}, {"Nantes", "44000", "Pays de la Loire"},
	{"Lille", "59000", "Hauts-de-France"}, {"Toulouse", "31000", "Occitanie"},
	{"Briançon", "05100", "Provence-Alpes-Côte d'Azur"}, {"Strasbourg", "67000", "Grand Est"},
	{"Bordeaux", "33000", "Nouvelle-Aquitaine"}, {"Rennes", "35000", "Bretagne"},
	{"Besançon", "25000", "Bourgogne-Franche-Comté"}, {"Orléans", "45000", "Centre-Val de Loire"},
}

var contracts = []string{"CDI", "CDI", "CDI", "CDD", "CDD", "stage", "alternance", "volontariat", "freelance"}

var frSentences = []string{
	"Fondée en 1997, l'association agit pour la protection de l'enfance et la lutte contre toutes les formes d'exploitation.",
	"Notre équipe pluridisciplinaire intervient au plus près des personnes exilées, dans les lieux de vie comme en ligne.",
	"Vous rejoindrez une antenne locale de huit salarié·e·s et d'une vingtaine de bénévoles très engagé·e·s.",
	"Le poste est placé sous l'autorité hiérarchique du ou de la responsable d'antenne, en lien étroit avec la direction des opérations.",
	"Nous accordons une grande importance à la qualité de vie au travail, à la formation continue et à l'analyse des pratiques.",
	"Les activités se déroulent principalement en journée, avec des maraudes ponctuelles en soirée et le week-end.",
	"Vous participerez aux réunions d'équipe hebdomadaires et aux temps de réflexion collective sur les stratégies d'accompagnement.",
	"La connaissance du contexte migratoire à la frontière franco-britannique serait un véritable atout.",
	"Une expérience préalable dans le secteur associatif, même bénévole, sera appréciée à sa juste valeur.",
	"Vous savez adapter votre langage et votre communication à des interlocuteurs très différents.",
	"L'association garantit l'égalité de traitement et encourage toutes les candidatures, sans distinction d'âge, d'origine ou de handicap.",
	"Le projet entre en 2025 dans un nouveau cycle de trois ans, qui capitalisera les bonnes pratiques du cycle précédent.",
	"Nous développons des ressources pédagogiques créatives, ludiques et accessibles, conçues avec les enfants eux-mêmes.",
	"Les déplacements réguliers dans la région sont pris en charge selon le barème de l'association.",
	"Vous êtes organisé·e, autonome, et vous savez travailler en équipe dans des contextes complexes et d'urgence.",
	"La maîtrise de l'arabe, du pashto, du farsi ou du tigrinya est un plus très apprécié.",
	"Un parcours d'intégration de deux semaines vous permettra de rencontrer l'ensemble des services et des partenaires.",
	"Nos bureaux sont accessibles en transports en commun et disposent d'un local à vélos sécurisé.",
	"Vous contribuerez au reporting auprès des bailleurs et au remplissage rigoureux de la base de données.",
	"Les candidatures sont traitées au fil de l'eau : n'attendez pas la date limite pour nous écrire.",
	"Ce poste exige discrétion, sens de l'écoute et respect absolu de la confidentialité des situations rencontrées.",
	"Vous représenterez l'association auprès des partenaires institutionnels, associatifs et des collectivités territoriales.",
}

var enSentences = []string{
	"Founded in 1997, the organisation works to protect children and to fight every form of exploitation.",
	"Our multidisciplinary team works as close as possible to displaced people, in the places where they live as well as online.",
	"You will join a local office of eight staff and about twenty highly committed volunteers.",
	"The position reports to the head of the local office and works closely with the operations department.",
	"We care about wellbeing at work, continuous training and regular reflective practice sessions.",
	"Most activities take place during the day, with occasional evening and weekend outreach rounds.",
	"You will take part in weekly team meetings and in collective reflection on support strategies.",
	"Knowledge of the migration context at the French-British border would be a real asset.",
	"Previous experience in the non-profit sector, even as a volunteer, will be valued.",
	"You can adapt your language and communication to very different audiences.",
	"We guarantee equal treatment and welcome applications regardless of age, origin or disability.",
	"In 2025 the project starts a new three-year cycle that builds on the good practice of the previous one.",
	"We design creative, playful and accessible learning resources together with the children themselves.",
	"Regular travel within the region is reimbursed according to the organisation's scale.",
	"You are organised and autonomous, and you work well in a team in complex and urgent situations.",
	"Speaking Arabic, Pashto, Farsi or Tigrinya is a strong plus.",
	"A two-week onboarding programme will introduce you to every department and partner.",
	"Our offices are served by public transport and have secure bicycle parking.",
	"You will contribute to donor reporting and keep the case database accurate and up to date.",
	"Applications are reviewed as they arrive: do not wait for the deadline to write to us.",
	"The role demands discretion, careful listening and strict confidentiality about the situations you encounter.",
	"You will represent the organisation to institutional partners, other associations and local authorities.",
}

var frBullets = []string{
	"Aller vers les mineur·e·s en transit pour les écouter, les orienter et les protéger",
	"Assurer la médiation lors des activités psycho-sociales, ludiques et sportives",
	"Contribuer à la conception d'offres pédagogiques adaptées aux publics accompagnés",
	"Animer des sessions de sensibilisation sur les droits de l'enfant",
	"Renforcer le réseau de partenaires associatifs et institutionnels",
	"Participer à la gestion logistique, administrative et budgétaire de l'antenne",
	"Repérer les indicateurs de danger et alerter selon les procédures internes",
	"Rédiger des comptes rendus d'activité clairs et précis",
	"Préparer et suivre les dossiers de financement auprès des bailleurs",
	"Mettre à jour le site web et les réseaux sociaux de l'association",
	"Organiser des événements publics et des rencontres avec les habitant·e·s",
	"Accompagner les bénévoles dans leur prise de poste et leur formation",
}

var enBullets = []string{
	"Reach out to minors in transit to listen to them, guide them and protect them",
	"Mediate during psychosocial, recreational and sports activities",
	"Help design learning materials suited to the people we support",
	"Run awareness sessions on children's rights",
	"Strengthen the network of partner associations and institutions",
	"Take part in the logistics, administration and budget of the local office",
	"Spot danger signs and raise the alarm following internal procedures",
	"Write clear and accurate activity reports",
	"Prepare and follow up funding applications to donors",
	"Keep the organisation's website and social media up to date",
	"Organise public events and meetings with local residents",
	"Support volunteers as they start and train them",
}

type lang struct {
	code                                                      string
	sentences, bullets                                        []string
	hAbout, hMissions, hSub1, hSub2, hProfile, hTerms, hApply string
	applyText                                                 string
}

var langs = map[string]lang{
	"fr": {"fr", frSentences, frBullets, "Qui sommes-nous ?", "Responsabilités et missions du poste", "Activités d'aller-vers", "Renforcement des capacités", "Profil recherché", "Conditions", "Processus de recrutement",
		"Pour postuler, envoyez une **lettre de motivation** et un **CV** aux deux adresses indiquées, avec pour objet « %s ». Les candidatures incomplètes ne seront pas traitées."},
	"en": {"en", enSentences, enBullets, "Who we are", "Responsibilities", "Outreach", "Capacity building", "What we are looking for", "Terms", "How to apply",
		"To apply, send a **cover letter** and a **CV** to both addresses given, with the subject “%s”. Incomplete applications will not be considered."},
}

func paragraph(r *rand.Rand, l lang, k int) string {
	var b strings.Builder
	for i := 0; i < k; i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		s := l.sentences[r.IntN(len(l.sentences))]
		if r.IntN(8) == 0 { // a little inline markup
			if j := strings.IndexByte(s, ' '); j > 0 {
				s = "*" + s[:j] + "*" + s[j:]
			}
		}
		b.WriteString(s)
	}
	return b.String()
}

func bullets(r *rand.Rand, l lang, k int) string {
	var b strings.Builder
	for _, i := range r.Perm(len(l.bullets))[:k] {
		b.WriteString("- ")
		b.WriteString(l.bullets[i])
		b.WriteString(",\n")
	}
	return b.String()
}

// body returns a Markdown body of roughly target bytes.
func body(r *rand.Rand, l lang, target int, subject, orgURL string) string {
	sections := [][]string{
		{"## " + l.hAbout, paragraph(r, l, 3+r.IntN(3)), paragraph(r, l, 2+r.IntN(3))},
		{"## " + l.hMissions, paragraph(r, l, 2), "### 1. " + l.hSub1, bullets(r, l, 4+r.IntN(3)), "### 2. " + l.hSub2, bullets(r, l, 3+r.IntN(3))},
		{"## " + l.hProfile, bullets(r, l, 3+r.IntN(3)), paragraph(r, l, 2+r.IntN(2))},
		{"## " + l.hTerms, paragraph(r, l, 2+r.IntN(2))},
		{"## " + l.hApply, fmt.Sprintf(l.applyText, subject), fmt.Sprintf("[%s](%s)", orgURL, orgURL)},
	}
	size := func() int {
		n := 0
		for _, s := range sections {
			for _, p := range s {
				n += len(p) + 2
			}
		}
		return n
	}
	for size() < target {
		i := r.IntN(3) // grow about, missions or profile
		sections[i] = append(sections[i], paragraph(r, l, 2+r.IntN(3)))
	}
	var b strings.Builder
	for _, s := range sections {
		for _, p := range s {
			b.WriteString(strings.TrimRight(p, "\n"))
			b.WriteString("\n\n")
		}
	}
	return b.String()
}
