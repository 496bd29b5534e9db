package admin

// The editor's words, in French and English: the label of each field
// (by its dotted path), the hint under it, and the label of each value
// of a choice. A field or value missing here is shown by its name: the
// form still works, with a plainer label.

var fieldLabels = map[string]map[string]string{
	"title":                 {"fr": "Intitulé du poste", "en": "Job title"},
	"summary":               {"fr": "Résumé en une phrase", "en": "Summary in one sentence"},
	"body":                  {"fr": "Texte de l'offre", "en": "Text of the posting"},
	"organization":          {"fr": "Employeur", "en": "Employer"},
	"contract":              {"fr": "Contrat", "en": "Contract"},
	"duration_months":       {"fr": "Durée en mois", "en": "Length in months"},
	"hours":                 {"fr": "Temps de travail", "en": "Working time"},
	"hours_per_week":        {"fr": "Heures par semaine", "en": "Hours a week"},
	"salary":                {"fr": "Rémunération", "en": "Pay"},
	"salary.min":            {"fr": "Minimum", "en": "Minimum"},
	"salary.max":            {"fr": "Maximum", "en": "Maximum"},
	"salary.currency":       {"fr": "Monnaie", "en": "Currency"},
	"salary.period":         {"fr": "Par", "en": "Per"},
	"salary.basis":          {"fr": "Brut ou net", "en": "Gross or net"},
	"location":              {"fr": "Lieu de travail", "en": "Place of work"},
	"location.city":         {"fr": "Ville", "en": "Town or city"},
	"location.postal_code":  {"fr": "Code postal", "en": "Postal code"},
	"location.region":       {"fr": "Région", "en": "Region"},
	"location.country":      {"fr": "Pays (code à deux lettres)", "en": "Country (two-letter code)"},
	"remote":                {"fr": "Télétravail", "en": "Remote work"},
	"eligibility":           {"fr": "Conditions pour postuler", "en": "Who may apply"},
	"eligibility.residence": {"fr": "Pays de résidence exigé", "en": "Country of residence required"},
	"start":                 {"fr": "Date de début", "en": "Start date"},
	"posted":                {"fr": "Date de publication", "en": "Date published"},
	"expires":               {"fr": "Date de clôture", "en": "Closing date"},
	"filled":                {"fr": "Poste pourvu le", "en": "Job filled on"},
	"apply":                 {"fr": "Comment postuler", "en": "How to apply"},
	"apply.to":              {"fr": "Adresses e-mail des candidatures", "en": "E-mail addresses for applications"},
	"apply.subject":         {"fr": "Objet exigé de l'e-mail", "en": "Required e-mail subject"},
	"apply.documents":       {"fr": "Pièces à envoyer", "en": "Documents to send"},
	"apply.strict":          {"fr": "Candidatures incomplètes non traitées", "en": "Incomplete applications not processed"},
	"languages":             {"fr": "Langues parlées", "en": "Languages spoken"},
	"languages.required":    {"fr": "Exigées", "en": "Required"},
	"languages.plus":        {"fr": "Appréciées", "en": "A plus"},
	"draft":                 {"fr": "Brouillon (pas encore publiée)", "en": "Draft (not published yet)"},
	"name":                  {"fr": "Nom", "en": "Name"},
	"url":                   {"fr": "Site web", "en": "Website"},
	"logo":                  {"fr": "Logo (fichier du dossier assets/)", "en": "Logo (file in assets/)"},
}

var fieldHints = map[string]map[string]string{
	"summary":               {"fr": "Montré dans la liste des offres et par les moteurs de recherche. Facultatif.", "en": "Shown in the list of postings and by search engines. Optional."},
	"duration_months":       {"fr": "Obligatoire pour CDD, stage, alternance et volontariat ; à laisser vide pour les autres contrats.", "en": "Required for CDD, stage, alternance and volontariat; leave it empty for the other contracts."},
	"salary":                {"fr": "Obligatoire, sauf pour le bénévolat. Le même nombre en minimum et maximum pour un salaire fixe.", "en": "Required, except for volunteering. The same number as minimum and maximum for a fixed salary."},
	"salary.currency":       {"fr": "Code ISO 4217 : EUR, CHF, GBP…", "en": "ISO 4217 code: EUR, CHF, GBP…"},
	"location":              {"fr": "Le lieu principal en premier. Pour un poste basé à plusieurs endroits, le bouton « Ajouter » en ajoute un.", "en": "The main place first. For a job based in several places, the Add button adds one."},
	"location.country":      {"fr": "FR, BE, CH…", "en": "FR, BE, CH…"},
	"eligibility.residence": {"fr": "Codes de pays séparés par des virgules, comme FR, BE. Obligatoire en télétravail complet.", "en": "Country codes separated by commas, like FR, BE. Required for a fully remote job."},
	"start":                 {"fr": "AAAA-MM-JJ (année-mois-jour), ou asap (dès que possible).", "en": "YYYY-MM-DD (year-month-day), or asap (as soon as possible)."},
	"filled":                {"fr": "Si le poste est pourvu avant la date de clôture : l'offre passe aux archives ce jour-là, et les moteurs de recherche en sont avertis.", "en": "If the job is filled before the closing date: the posting moves to the archive that day, and search engines are told."},
	"expires":               {"fr": "Le lendemain, l'offre passe aux archives et le lien pour postuler disparaît. Sans date, l'offre reste ouverte.", "en": "The day after, the posting moves to the archive and the apply link disappears. Without a date, the posting stays open."},
	"apply.to":              {"fr": "Une adresse par ligne ; les candidatures vont à toutes à la fois.", "en": "One address per item; applications go to all of them at once."},
	"apply.subject":         {"fr": "Repris **exactement** tel quel, dans toutes les langues : les candidats le copient. Une seule ligne, sans espace au début ni à la fin. Laissez vide si l'employeur n'en exige pas.", "en": "Copied **exactly** as written, in every language: candidates copy it. One line, no space at either end. Leave it empty if the employer requires none."},
	"apply.strict":          {"fr": "À cocher si l'annonce dit qu'une candidature sans toutes les pièces, ou pas envoyée à toutes les adresses, n'est pas traitée : la page le dit alors aux candidats.", "en": "Tick it if the ad says that an application without every document, or not sent to every address, is not processed: the page then tells candidates so."},
	"draft":                 {"fr": "Une offre cochée « brouillon » n'est pas publiée. Décochez quand elle est prête.", "en": "A posting ticked as draft is not published. Untick it when it is ready."},
}

var valueLabels = map[string]map[string]string{
	"CDI":          {"fr": "CDI (contrat à durée indéterminée)", "en": "CDI (permanent contract)"},
	"CDD":          {"fr": "CDD (contrat à durée déterminée)", "en": "CDD (fixed-term contract)"},
	"interim":      {"fr": "Intérim", "en": "Temporary (agency)"},
	"alternance":   {"fr": "Alternance", "en": "Work-study"},
	"stage":        {"fr": "Stage", "en": "Internship"},
	"freelance":    {"fr": "Freelance", "en": "Freelance"},
	"volontariat":  {"fr": "Volontariat", "en": "Volunteer service (paid)"},
	"benevolat":    {"fr": "Bénévolat", "en": "Volunteering (unpaid)"},
	"full-time":    {"fr": "Temps plein", "en": "Full-time"},
	"part-time":    {"fr": "Temps partiel", "en": "Part-time"},
	"year":         {"fr": "an", "en": "year"},
	"month":        {"fr": "mois", "en": "month"},
	"hour":         {"fr": "heure", "en": "hour"},
	"gross":        {"fr": "brut", "en": "gross"},
	"net":          {"fr": "net", "en": "net"},
	"no":           {"fr": "Non, sur place", "en": "No, on site"},
	"hybrid":       {"fr": "En partie", "en": "Partly remote"},
	"full":         {"fr": "Complet", "en": "Fully remote"},
	"cv":           {"fr": "CV", "en": "CV"},
	"cover-letter": {"fr": "Lettre de motivation", "en": "Cover letter"},
	"portfolio":    {"fr": "Portfolio", "en": "Portfolio"},
	"references":   {"fr": "Références", "en": "References"},
	"diploma":      {"fr": "Diplômes", "en": "Diplomas"},
}

// uiLabels are the editor's own words.
var uiLabels = map[string]map[string]string{
	"postings":      {"fr": "Offres d'emploi", "en": "Job postings"},
	"posting":       {"fr": "Offre", "en": "Posting"},
	"organizations": {"fr": "Employeurs", "en": "Employers"},
	"organization":  {"fr": "Employeur", "en": "Employer"},
	"place":         {"fr": "lieu de travail", "en": "place of work"},
	"editor":        {"fr": "Éditeur", "en": "Editor"},
	"noscript":      {"fr": "L'éditeur a besoin de JavaScript.", "en": "The editor needs JavaScript."},
}

// spokenLanguages are offered in the languages a posting asks for, with
// the site's languages and those of its postings.
var spokenLanguages = []string{
	"fr", "en", "ar", "ps", "fa", "prs", "ti", "am", "so", "ku", "ur", "bn", "tr",
	"es", "pt", "it", "de", "nl", "ro", "pl", "ru", "uk", "sq", "zh", "vi", "sw", "wo", "ln",
}
