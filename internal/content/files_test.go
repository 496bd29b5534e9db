package content

import (
	"reflect"
	"strings"
	"testing"
)

// A TOML posting with mistakes on known lines.
const tomlPosting = `+++
title = "Médiateur interculturel"
organization = "acme"
contract = "CDX"
hours = "full-time"
start = 2025-05-21
posted = 2025-04-22
expire = 2025-06-30

[salary]
min = 30000
max = 28000
period = "year"

[location]
city = "Calais"
country = "FR"
zip = "62100"

[apply]
to = [
  "jobs@example.org",
  "Jobs <boss@example.org>",
]
subject = "candidature"
+++
Texte.
`

// A JSON posting with mistakes on known lines.
const jsonPosting = `{
  "title": "Médiateur interculturel",
  "organization": "acme",
  "contract": "CDI",
  "hours": "full-time",
  "salary": {"min": 24000, "max": 28000, "period": "year"},
  "location": {
    "city": "Calais",
    "country": "France"
  },
  "start": "2025-05-21",
  "posted": "2025-02-30",
  "expires": "2025-06-30",
  "apply": {"to": ["jobs@example.org"], "subject": "candidature \/ m\u00e9diateur"},
  "expire": "x"
}

Texte.
`

func TestFormats(t *testing.T) {
	runLoadCases(t, []loadCase{
		{name: "TOML with mistakes", files: map[string]string{postingFR: tomlPosting},
			want: []string{
				noExpires,
				at(4, `contract: "CDX" is not allowed; use one of: CDI, CDD, interim, alternance, stage, freelance, volontariat, benevolat`),
				at(8, "expire: unknown field; did you mean expires?"),
				at(11, "salary: min 30000 is above max 28000"),
				at(18, "location.zip: unknown field; the fields are: city, postal_code, region, country"),
				at(23, `apply.to: "Jobs <boss@example.org>": give the address alone, without a name: boss@example.org`),
			}},
		{name: "TOML lines of dotted keys, inline tables, multi-line values", files: map[string]string{postingFR: `+++
title = """
Médiateur
[not a table]
"""
summary = 'x'
organization = "acme"
contract = "CDI"
hours = "full-time"
languages.required = [
  "fr",
  ["ar"],
]
eligibility.residence = ["France"]
location = {city = "Calais", country = "fr"}
start = 2025-05-21
posted = 2025-04-22
expires = 2025-06-30

[salary] # band
min = 1
max = 2
period = "years"

[apply]
"to" = ["a@b.org", "c@d"]
+++
body
`},
			want: []string{
				at(2, "title: must be on one line"),
				at(12, "languages.required: must be a single value, not a list"),
				at(14, `eligibility.residence: "France" is not an ISO 3166-1 country code; use two capital letters, like FR`),
				at(15, `location.country: "fr": write country codes in capitals: FR`),
				at(23, `salary.period: "years" is not allowed; did you mean year? (allowed: year, month, hour)`),
				at(26, `apply.to: "c@d": the part after @ must be a full domain name with a dot, such as example.org`),
			}},
		{name: "TOML syntax error", files: map[string]string{postingFR: "+++\ntitle = \"x\"\ncontract = CDI\n+++\nTexte.\n"},
			want: []string{at(3, "this front matter is not valid TOML: expected value but found \"CDI\" instead")}},
		{name: "TOML impossible date", files: map[string]string{postingFR: "+++\ntitle = \"x\"\n\nposted = 2025-02-30\n+++\nTexte.\n"},
			want: []string{at(4, `this front matter is not valid TOML: invalid datetime: "2025-02-30" (dates are YYYY-MM-DD and must exist in the calendar)`)}},
		{name: "TOML never closed", files: map[string]string{postingFR: "\n+++\ntitle = \"x\"\n"},
			want: []string{at(2, `the front matter that starts here is never closed: add a line "+++" after the last field`)}},
		{name: "JSON with mistakes", files: map[string]string{postingFR: jsonPosting},
			want: []string{
				at(9, `location.country: "France" is not an ISO 3166-1 country code; use two capital letters, like FR`),
				at(12, "posted: 2025-02-30 is not a real calendar date"),
				at(15, "expire: unknown field; did you mean expires?"),
			}},
		{name: "JSON syntax error", files: map[string]string{postingFR: "{\n  \"title\": \"x\",\n  \"contract\": \"CDI\"\n  \"hours\": \"full-time\"\n}\n\nTexte.\n"},
			want: []string{at(4, "this front matter is not valid JSON: invalid character '\"' after object key:value pair")}},
		{name: "JSON between ;;;", files: map[string]string{postingFR: ";;;\n{\"title\": \"x\",\n \"contract\": \"CDY\"}\n;;;\nTexte.\n"},
			want: []string{at(1, "apply: missing; say how to apply: apply: {to: [address], subject: …}"),
				at(1, "warning: expires: no closing date: the posting stays open until you add one (expires: YYYY-MM-DD) or delete it"),
				at(1, "hours: missing; give the hours: full-time or part-time"),
				at(1, "location: missing; give the place of work: location: {city: …, postal_code: …, country: FR}"),
				at(1, "organization: missing; give the employer's key (its file name in content/organizations/, like ecpat-france)"),
				at(1, "posted: missing; give the date the posting is published (YYYY-MM-DD)"),
				at(1, "start: missing; give the start date (YYYY-MM-DD) or asap"),
				at(3, `contract: "CDY" is not allowed; use one of: CDI, CDD, interim, alternance, stage, freelance, volontariat, benevolat`),
			}},
		{name: "JSON never closed", files: map[string]string{postingFR: "{\n  \"title\": \"x\"\n"},
			want: []string{at(1, `the JSON front matter that starts here is never closed: add a line "}" followed by an empty line`)}},
		{name: "JSON key twice", files: map[string]string{postingEN: "{\n\"title\": \"a\",\n\"title\": \"b\"\n}\n\nText\n"},
			want: []string{postingEN + `:3: title: given twice (first on line 2); keep one`}},

		{name: "YAML missing colon", files: map[string]string{postingFR: fr("hours: full-time", "hours full-time")},
			want: []string{at(lHours, "this front matter is not valid YAML: a field is written name: value, with a colon (YAML: could not find expected ':')")},
			fr:   []string{"content/postings/job.fr.md:6: l'en-tête (entre les lignes ---) n'est pas du YAML valide\u00a0: un champ s'écrit nom: valeur, avec deux-points (YAML\u00a0: could not find expected ':')"}},
		{name: "YAML quote never closed", files: map[string]string{postingFR: fr("title: Médiateur interculturel", `title: "Médiateur`)},
			want: []string{at(lTitle, "this front matter is not valid YAML: the quoted value that starts on this line is never closed; add the closing quote")},
			fr:   []string{"content/postings/job.fr.md:2: l'en-tête (entre les lignes ---) n'est pas du YAML valide\u00a0: la valeur entre guillemets qui commence sur cette ligne n'est jamais fermée\u00a0; ajoutez le guillemet fermant"}},
		// A tab is reported, and the rest of the file is still checked
		// (issue 20, item 3): here a contract and a subject.
		{name: "YAML tab indentation", files: map[string]string{postingFR: fr("  min: 24000", "\tmin: 24000")},
			want: []string{at(lMin, "this front matter is not valid YAML: indent with spaces, not tabs: replace the tab at the start of this line with spaces (the rest of the file was checked as if it were 2 spaces)")},
			fr:   []string{"content/postings/job.fr.md:9: l'en-tête (entre les lignes ---) n'est pas du YAML valide\u00a0: indentez avec des espaces, pas des tabulations\u00a0: remplacez la tabulation au début de cette ligne par des espaces (le reste du fichier a été vérifié comme si c'étaient 2 espaces)"}},
		{name: "YAML tab and other mistakes", files: map[string]string{postingFR: fr("  min: 24000", "\tmin: 24000", "  max: 28000", "\tmax: 28000", "contract: CDI", "contract: CDY", "  subject: candidature médiateur", "  subject: « Candidature »")},
			want: []string{
				at(lContract, `contract: "CDY" is not allowed; use one of: CDI, CDD, interim, alternance, stage, freelance, volontariat, benevolat`),
				at(lMin, "this front matter is not valid YAML: indent with spaces, not tabs: replace the tab at the start of this line with spaces (the rest of the file was checked as if it were 2 spaces)"),
				at(lMax, "this front matter is not valid YAML: indent with spaces, not tabs: replace the tab at the start of this line with spaces (the rest of the file was checked as if it were 2 spaces)"),
				at(lSubject, `apply.subject: the quotes «…» around the subject would be part of it, and candidates copy it exactly; write it without them: subject: "Candidature"`),
			}},
		{name: "YAML tab that no width mends", files: map[string]string{postingFR: fr("  min: 24000", "\t min: 24000", "  max: 28000", "   \tmax: 28000")},
			want: []string{at(lMin, "this front matter is not valid YAML: indent with spaces, not tabs (YAML: found character that cannot start any token)")}},
		{name: "YAML colon in value", files: map[string]string{postingFR: fr("  city: Calais", "  city: Calais: Nord")},
			want: []string{at(lCity, "this front matter is not valid YAML: a colon (:) here starts a new field; if it is part of the value, put the value in quotes, else check the indentation (YAML: mapping values are not allowed in this context)")},
			fr:   []string{"content/postings/job.fr.md:15: l'en-tête (entre les lignes ---) n'est pas du YAML valide\u00a0: un deux-points (:) ici commence un nouveau champ\u00a0; s'il fait partie de la valeur, mettez la valeur entre guillemets, sinon vérifiez le retrait (les espaces en début de ligne) (YAML\u00a0: mapping values are not allowed in this context)"}},
		// One value YAML cannot read hides nothing else: it is read as
		// the text written, and the file's other mistakes are reported.
		{name: "YAML colon in value, and other mistakes", files: map[string]string{postingFR: fr("  city: Calais", "  city: Calais : Nord", "contract: CDI", "contract: CID", "title: Médiateur interculturel", "title: Médiateur : interculturel")},
			want: []string{
				at(lTitle, "this front matter is not valid YAML: a colon (:) here starts a new field; if it is part of the value, put the value in quotes, else check the indentation (YAML: mapping values are not allowed in this context)"),
				at(lContract, `contract: "CID" is not allowed; use one of: CDI, CDD, interim, alternance, stage, freelance, volontariat, benevolat`),
				at(lCity, "this front matter is not valid YAML: a colon (:) here starts a new field; if it is part of the value, put the value in quotes, else check the indentation (YAML: mapping values are not allowed in this context)"),
			}},
		// An error YAML names on a line that reads alone: nothing is guessed.
		{name: "YAML error after the line at fault", files: map[string]string{postingFR: fr("  subject: candidature médiateur", "  subject: \"candidature médiateur", "  documents: [cv, cover-letter]", "  documents: [cv, cover-letter]\n  x: y: z")},
			want: []string{at(lSubject, "this front matter is not valid YAML: the quoted value that starts on this line is never closed; add the closing quote")}},
		{name: "YAML apostrophe in single quotes", files: map[string]string{postingFR: fr("summary: Aller vers les enfants en transit.", "summary: 'l'offre'")},
			want: []string{at(lSummary, `this front matter is not valid YAML: a value in single quotes ends at its next apostrophe; write it in double quotes ("l'offre") or double the apostrophe ('l''offre') (YAML: did not find expected key)`)},
			fr:   []string{"content/postings/job.fr.md:3: l'en-tête (entre les lignes ---) n'est pas du YAML valide\u00a0: une valeur entre apostrophes s'arrête à l'apostrophe suivante\u00a0; écrivez-la entre guillemets (\"l'offre\") ou doublez l'apostrophe ('l''offre') (YAML\u00a0: did not find expected key)"}},
		{name: "YAML apostrophe in a single-quoted subject", files: map[string]string{postingFR: fr("  subject: candidature médiateur", "  subject: 'Candidature d'éducateur'")},
			want: []string{at(lSubject, `this front matter is not valid YAML: a value in single quotes ends at its next apostrophe; write it in double quotes ("Candidature d'éducateur") or double the apostrophe ('Candidature d''éducateur') (YAML: did not find expected key)`)}},
		{name: "YAML subject quote never closed", files: map[string]string{postingFR: fr("  subject: candidature médiateur", `  subject: "Candidature éducateur`)},
			want: []string{at(lSubject, "this front matter is not valid YAML: the quoted value that starts on this line is never closed; add the closing quote")}},
		{name: "YAML value starting with &", files: map[string]string{postingFR: fr("  subject: candidature médiateur", "  subject: & Co")},
			want: []string{at(lSubject, `this front matter is not valid YAML: a value cannot start with & or * (YAML keeps them for references); put it in quotes: "& Co" (YAML: did not find expected alphabetic or numeric character)`)},
			fr:   []string{"content/postings/job.fr.md:29: l'en-tête (entre les lignes ---) n'est pas du YAML valide\u00a0: une valeur ne peut pas commencer par & ou * (YAML les réserve aux références)\u00a0; mettez-la entre guillemets\u00a0: \"& Co\" (YAML\u00a0: did not find expected alphabetic or numeric character)"}},
		{name: "YAML value starting with *", files: map[string]string{postingFR: fr("title: Médiateur interculturel", "title: * Médiateur")},
			want: []string{at(lTitle, `this front matter is not valid YAML: a value cannot start with & or * (YAML keeps them for references); put it in quotes: "* Médiateur" (YAML: did not find expected alphabetic or numeric character)`)}},
		{name: "YAML value starting with an anchor", files: map[string]string{postingFR: fr("  subject: candidature médiateur", "  subject: &urgent candidature")},
			want: []string{at(lSubject, `this front matter is not valid YAML: a value cannot start with & or * (YAML keeps them for references); put it in quotes: "&urgent candidature"`)}},
		{name: "YAML anchor used", files: map[string]string{postingFR: fr("  city: Calais", "  city: &c Calais", "  region: Hauts-de-France", "  region: *c")}},
		{name: "YAML alias to nothing", files: map[string]string{postingFR: fr("  subject: candidature médiateur", "  subject: *urgent")},
			want: []string{at(lSubject, `this front matter is not valid YAML: a value cannot start with & or * (YAML keeps them for references); put it in quotes: "*urgent" (YAML: unknown anchor 'urgent' referenced)`)}},
		{name: "YAML list never closed", files: map[string]string{postingFR: fr("  documents: [cv, cover-letter]", "  documents: [cv, cover-letter")},
			want: []string{at(lDocuments, "this front matter is not valid YAML: a list opened with [ is not closed with ] (YAML: did not find expected ',' or ']')")},
			fr:   []string{"content/postings/job.fr.md:30: l'en-tête (entre les lignes ---) n'est pas du YAML valide\u00a0: une liste ouverte par [ n'est pas fermée par ] (YAML\u00a0: did not find expected ',' or ']')"}},
		{name: "YAML value starting with @", files: map[string]string{postingFR: fr("  subject: candidature médiateur", "  subject: @candidature")},
			want: []string{at(lSubject, "this front matter is not valid YAML: a value cannot start with this character (such as @, ` or %); put the value in quotes (YAML: found character that cannot start any token)")},
			fr:   []string{"content/postings/job.fr.md:29: l'en-tête (entre les lignes ---) n'est pas du YAML valide\u00a0: une valeur ne peut pas commencer par ce caractère (comme @, ` ou %)\u00a0; mettez la valeur entre guillemets (YAML\u00a0: found character that cannot start any token)"}},
		{name: "YAML error on first field", files: map[string]string{postingEN: "---\ntitle: a: b\n---\nThe job.\n"},
			want: []string{postingEN + ":2: this front matter is not valid YAML: a colon (:) here starts a new field; if it is part of the value, put the value in quotes, else check the indentation (YAML: mapping values are not allowed in this context)"}},
		{name: "YAML alias to itself", files: map[string]string{postingEN: "---\ntitle: x\nsummary: &a [*a]\n---\nThe job.\n"},
			want: []string{postingEN + ":3: the alias *a refers to the value that contains it"}},
		{name: "YAML front matter a list", files: map[string]string{postingEN: "---\n- title\n---\nThe job.\n"},
			want: []string{postingEN + ":2: the front matter must be a list of fields (name: value), not a list"}},
		{name: "YAML control character", files: map[string]string{postingEN: "---\ntitle: a\x01b\n---\nThe job.\n"},
			want: []string{postingEN + ":2: this line contains an invisible control character (U+0001); remove it"}},
		{name: "invalid UTF-8", files: map[string]string{postingEN: "---\ntitle: a\n---\nThe \xe9t\xe9 job.\n"},
			want: []string{postingEN + ":4: this line is not valid UTF-8 text; save the file as UTF-8 (Unicode)"}},
		{name: "byte-order mark", files: map[string]string{postingEN: "\ufeff" + validPostingEN}},
		{name: "CRLF line ends", files: map[string]string{postingFR: strings.ReplaceAll(fr("contract: CDI", "contract: CDX"), "\n", "\r\n")},
			want: []string{at(lContract, `contract: "CDX" is not allowed; use one of: CDI, CDD, interim, alternance, stage, freelance, volontariat, benevolat`)}},
		{name: "blank lines before front matter", files: map[string]string{postingEN: "\n\n---\ntitle:\n---\nThe job.\n"},
			want: []string{postingEN + ":4: title: is empty; give a value or remove the line"}},

		{name: "front matter never closed", files: map[string]string{postingEN: "---\ntitle: x\n\nThe job.\n"},
			want: []string{postingEN + `:1: the front matter that starts here is never closed: add a line "---" after the last field`}},
		{name: "no front matter", files: map[string]string{postingEN: "\nThe job.\n"},
			want: []string{postingEN + `:2: no front matter: the file must start with a line "---", then its fields (title: …), then a line "---"`}},
		// An empty translation is a translation not written yet (issue 20,
		// item 5); the file holding the facts cannot be empty.
		{name: "empty file", files: map[string]string{postingFR: ""},
			want: []string{at(1, `the file is empty: it needs front matter (a line "---", the fields, a line "---") and then the text`)},
			fr:   []string{"content/postings/job.fr.md:1: le fichier est vide\u00a0: il lui faut un en-tête (une ligne \"---\", les champs, une ligne \"---\") puis le texte"}},
		{name: "empty translation", files: map[string]string{postingEN: ""},
			want: []string{postingEN + `: warning: the file is empty: no English version yet, the posting is published in French only; write the translation, or delete the file`},
			fr:   []string{"content/postings/job.en.md: attention\u00a0: le fichier est vide\u00a0: pas encore de version en anglais, l'offre n'est publiée qu'en français\u00a0; écrivez la traduction, ou supprimez le fichier"}},
		{name: "blank translation", files: map[string]string{postingEN: "\ufeff \n\t\n"},
			want: []string{postingEN + `: warning: the file is empty: no English version yet, the posting is published in French only; write the translation, or delete the file`}},
		{name: "empty employer file", files: map[string]string{orgEN: ""},
			want: []string{orgEN + `:1: the file is empty: it needs front matter (a line "---", the fields, a line "---") and then the text`}},
		{name: "empty body", files: map[string]string{postingFR: strings.TrimSuffix(validPostingFR, "Texte de l'offre.\n")},
			want: []string{at(lBody, "the posting has no text: write the job description after the front matter")}},
		{name: "blank body", files: map[string]string{postingEN: "---\ntitle: x\n---\n\n  \n"},
			want: []string{postingEN + ":4: the posting has no text: write the job description after the front matter"}},
		{name: "empty front matter", files: map[string]string{postingEN: "---\n---\nThe job.\n"},
			want: []string{postingEN + ":1: title: missing; every language file needs the job title"}},
	})
}

// TestFormatsAgree checks that the same posting in YAML, TOML and JSON
// gives the same facts.
func TestFormatsAgree(t *testing.T) {
	const toml = `+++
title = "Médiateur interculturel"
summary = "Aller vers les enfants en transit."
organization = "acme"
contract = "CDI"
hours = "full-time"
hours_per_week = 35
remote = "no"
start = 2025-05-21
posted = 2025-04-22
expires = 2025-06-30
location = {city = "Calais", postal_code = "62100", region = "Hauts-de-France", country = "FR"}
eligibility.residence = ["FR"]

[salary]
min = 24_000
max = 28000.0
currency = "EUR"
period = "year"
basis = "gross"

[apply]
to = ["jobs@example.org", "boss@example.org"]
subject = "candidature médiateur"
documents = ["cv", "cover-letter"]

[languages]
required = ["fr", "ar"]
plus = ["ps"]
+++
Texte de l'offre.
`
	const json = `;;;
{"title": "Médiateur interculturel", "summary": "Aller vers les enfants en transit.",
 "organization": "acme", "contract": "CDI", "hours": "full-time", "hours_per_week": 35,
 "salary": {"min": 24000, "max": 2.8e4, "currency": "EUR", "period": "year", "basis": "gross"},
 "location": {"city": "Calais", "postal_code": "62100", "region": "Hauts-de-France", "country": "FR"},
 "remote": "no", "eligibility": {"residence": ["FR"]},
 "start": "2025-05-21", "posted": "2025-04-22", "expires": "2025-06-30",
 "apply": {"to": ["jobs@example.org", "boss@example.org"], "subject": "candidature m\u00e9diateur",
           "documents": ["cv", "cover-letter"]},
 "languages": {"required": ["fr", "ar"], "plus": ["ps"]}}
;;;
Texte de l'offre.
`
	want := loadFacts(t, validPostingFR)
	for name, text := range map[string]string{"TOML": toml, "JSON": json} {
		if got := loadFacts(t, text); !reflect.DeepEqual(got, want) {
			t.Errorf("%s facts:\n got %+v\nwant %+v", name, got, want)
		}
	}
	// A translation may repeat facts in another format with the same values.
	en := strings.Replace(toml, `title = "Médiateur interculturel"`, `title = "Mediator"`, 1)
	if _, ds := Load(testSite(map[string]string{postingEN: en}), Options{}); len(ds) != 0 {
		t.Errorf("TOML translation repeating the facts: %v", strs(ds))
	}
}

func loadFacts(t *testing.T, fr string) Facts {
	t.Helper()
	site, ds := Load(testSite(map[string]string{postingFR: fr}), Options{})
	if site == nil || len(ds) > 0 {
		t.Fatalf("diagnostics: %v", strs(ds))
	}
	f := site.Postings[0].Facts
	if f.Salary != nil {
		s := *f.Salary
		f.Salary = &s
	}
	return f
}

func TestFileNames(t *testing.T) {
	runLoadCases(t, []loadCase{
		{name: "bad slug", files: map[string]string{"content/postings/Job_2.fr.md": validPostingFR},
			want: []string{`content/postings/Job_2.fr.md: "Job_2" cannot be used in a web address: use lower-case letters a-z, digits and single hyphens, like mediateur-interculturel-calais`}},
		{name: "double hyphen", files: map[string]string{"content/postings/job--2.fr.md": validPostingFR},
			want: []string{`content/postings/job--2.fr.md: "job--2" cannot be used in a web address: use lower-case letters a-z, digits and single hyphens, like mediateur-interculturel-calais`}},
		{name: "accent in slug", files: map[string]string{"content/postings/médiateur.fr.md": validPostingFR},
			want: []string{`content/postings/médiateur.fr.md: "médiateur" cannot be used in a web address: use lower-case letters a-z, digits and single hyphens, like mediateur-interculturel-calais`}},
		{name: "unknown language", files: map[string]string{"content/postings/job.de.md": validPostingEN},
			want: []string{`content/postings/job.de.md: language "de" is not one of the site's languages (fr, en) in content/site.yaml`}},
		{name: "no language", files: map[string]string{"content/postings/job.md": validPostingEN},
			want: []string{"content/postings/job.md: file name must be <name>.<language>.md, like content/postings/mediateur-interculturel-calais.fr.md"}},
		{name: "not markdown", files: map[string]string{"content/postings/notes.txt": "x"},
			want: []string{"content/postings/notes.txt: file name must be <name>.<language>.md, like content/postings/mediateur-interculturel-calais.fr.md"}},
		{name: "bad organization file name", files: map[string]string{"content/organizations/acme.md": validOrgFR},
			want: []string{"content/organizations/acme.md: file name must be <name>.<language>.md, like content/organizations/ecpat-france.fr.md"}},
		{name: "unexpected file", files: map[string]string{"content/job.fr.md": validPostingFR},
			want: []string{"content/job.fr.md: unexpected file: postings go in content/postings/, employers in content/organizations/"}},
		{name: "unexpected folder", files: map[string]string{"content/images/logo.png": "png"},
			want: []string{"content/images: unexpected folder: content/ holds site.yaml, organizations/ and postings/ only"}},
		{name: "folder in postings", files: map[string]string{"content/postings/old/job.fr.md": validPostingFR},
			want: []string{"content/postings/old: unexpected folder: content/ holds site.yaml, organizations/ and postings/ only"}},
		{name: "editor files ignored", files: map[string]string{
			"content/postings/.job.fr.md.swp": "\x00binary",
			"content/postings/job.fr.md~":     "junk",
			"content/postings/.#job.fr.md":    "lock",
			"content/.DS_Store":               "x",
			"content/postings/.git/HEAD":      "x",
			"content/site.yaml~":              "junk",
		}},
	})
}

func TestSiteConfig(t *testing.T) {
	site := func(pairs ...string) map[string]string {
		return map[string]string{siteFile: edits(validSite, pairs...)}
	}
	runLoadCases(t, []loadCase{
		{name: "missing", files: map[string]string{siteFile: deleted},
			want: []string{"content/site.yaml: missing: a site needs content/site.yaml with base_url, languages and title (run jobboard in the folder that holds content/, or give -C folder)"}},
		{name: "base_url missing", files: site("base_url: https://jobs.example.org/\n", ""),
			want: []string{"content/site.yaml:1: base_url: missing; give the site's public address, like https://jobs.example.org/"}},
		{name: "base_url relative", files: site("https://jobs.example.org/", "jobs.example.org"),
			want: []string{`content/site.yaml:1: base_url: "jobs.example.org" does not start with https://; write https://jobs.example.org/`}},
		{name: "base_url with query", files: site("https://jobs.example.org/", "https://jobs.example.org/?lang=fr"),
			want: []string{"content/site.yaml:1: base_url: must be the site's address without ? or #"}},
		{name: "base_url with a space", files: site("https://jobs.example.org/", `"https://jobs.example.org/offres d'emploi/"`),
			want: []string{"content/site.yaml:1: base_url: contains a space at position 32; a web address has no spaces: remove it, or write %20 in its place"}},
		{name: "base_url with <", files: site("https://jobs.example.org/", "https://jobs.example.org/<script>/"),
			want: []string{"content/site.yaml:1: base_url: contains < at position 26, which a web address cannot hold; remove it"}},
		{name: "base_url with a double quote", files: site("https://jobs.example.org/", `'https://jobs.example.org/"x/'`),
			want: []string{`content/site.yaml:1: base_url: contains " at position 26, which a web address cannot hold; remove it`}},
		{name: "base_url with a backslash", files: site("https://jobs.example.org/", `https://jobs.example.org\emplois/`),
			want: []string{`content/site.yaml:1: base_url: contains \ at position 25, which a web address cannot hold; separate folders with /`}},
		{name: "base_url with an invisible character", files: site("https://jobs.example.org/", "https://jobs.example​.org/"),
			want: []string{`content/site.yaml:1: base_url: contains an invisible character U+200B (zero-width space) at position 21; retype the address without it`}},
		{name: "base_url without scheme", files: site("https://jobs.example.org/", "//jobs.example.org/"),
			want: []string{`content/site.yaml:1: base_url: "//jobs.example.org/" does not start with https://; write https://jobs.example.org/`}},
		{name: "base_url with one slash", files: site("https://jobs.example.org/", "https:/jobs.example.org"),
			want: []string{`content/site.yaml:1: base_url: "https:/jobs.example.org" does not start with https://; write https://jobs.example.org/`}},
		{name: "base_url other scheme", files: site("https://jobs.example.org/", "ftp://jobs.example.org/"),
			want: []string{`content/site.yaml:1: base_url: "ftp://jobs.example.org/" must start with https:// (or http://), not ftp://`}},
		{name: "base_url without host", files: site("https://jobs.example.org/", "https:///emplois/"),
			want: []string{`content/site.yaml:1: base_url: "https:///emplois/" has no site name after https://; write it like https://jobs.example.org/`}},
		{name: "base_url with user", files: site("https://jobs.example.org/", "https://admin:secret@jobs.example.org/"),
			want: []string{`content/site.yaml:1: base_url: "https://admin:secret@jobs.example.org/" holds a user name or password (before @); give the public address, like https://jobs.example.org/`}},
		{name: "base_url with impossible port", files: site("https://jobs.example.org/", "https://jobs.example.org:99999/"),
			want: []string{`content/site.yaml:1: base_url: "https://jobs.example.org:99999/" has port 99999, which cannot exist; remove :99999`}},
		{name: "base_url with a port and a path", files: site("https://jobs.example.org/", "http://localhost:8080/offres/")},
		{name: "base_url unknown key", files: site("base_url:", "base-url:"),
			want: []string{"content/site.yaml:1: base-url: unknown field; did you mean base_url?",
				"content/site.yaml:1: base_url: missing; give the site's public address, like https://jobs.example.org/"}},
		{name: "languages missing", files: site("languages: [fr, en]\n", ""),
			want: []string{"content/site.yaml:1: languages: missing; list the site's languages, the default first: languages: [fr, en]"}},
		{name: "languages empty", files: site("languages: [fr, en]", "languages: []"),
			want: []string{"content/site.yaml:2: languages: is empty; list the site's languages, the default first: languages: [fr, en]"}},
		{name: "language upper case", files: site("languages: [fr, en]", "languages: [fr, EN]"),
			want: []string{`content/site.yaml:2: languages: "EN" is not a language code; use two lower-case letters, like fr or en`}},
		{name: "language twice", files: site("languages: [fr, en]", "languages: [fr, en, fr]"),
			want: []string{"content/site.yaml:2: languages: fr is listed twice"}},
		{name: "title missing", files: site("title:\n  fr: Offres d'emploi\n  en: Jobs\n", ""),
			want: []string{"content/site.yaml:1: title: missing; give it in every language: title: {fr: …, en: …}"}},
		{name: "title missing a language", files: site("  en: Jobs\n", ""),
			want: []string{"content/site.yaml:3: title.en: missing; give the title in English too"}},
		{name: "title extra language", files: site("  en: Jobs\n", "  en: Jobs\n  de: Stellen\n"),
			want: []string{"content/site.yaml:6: title.de: unknown field; the fields are: fr, en"}},
		{name: "timezone unknown", files: site("Europe/Paris", "Paris"),
			want: []string{`content/site.yaml:6: timezone: "Paris" is not a time zone; use a name like Europe/Paris`}},
		{name: "timezone other", files: site("Europe/Paris", "America/Montreal")},
		{name: "unknown key", files: site("timezone:", "time_zone:"),
			want: []string{"content/site.yaml:6: time_zone: unknown field; did you mean timezone?"}},
		{name: "indexnow_key", files: site("timezone: Europe/Paris", "timezone: Europe/Paris\nindexnow_key: 0123abcd-EF")},
		{name: "indexnow_key too short", files: site("timezone: Europe/Paris", "timezone: Europe/Paris\nindexnow_key: abc"),
			want: []string{`content/site.yaml:7: indexnow_key: "abc" is not an IndexNow key: use 8 to 128 letters (a-z, A-Z), digits and -, like the one Bing's IndexNow page generates`}},
		{name: "indexnow_key with a slash", files: site("timezone: Europe/Paris", "timezone: Europe/Paris\nindexnow_key: ../../etc/passwd"),
			want: []string{`content/site.yaml:7: indexnow_key: "../../etc/passwd" is not an IndexNow key: use 8 to 128 letters (a-z, A-Z), digits and -, like the one Bing's IndexNow page generates`}},
		{name: "YAML error", files: site("title:", "title: [a"),
			want: []string{"content/site.yaml:3: this file is not valid YAML: a list opened with [ is not closed with ] (YAML: did not find expected ',' or ']')"}},
		{name: "not fields", files: map[string]string{siteFile: "- fr\n"},
			want: []string{"content/site.yaml:1: must hold the fields base_url, languages and title"}},
	})
}

func TestOrganizationRules(t *testing.T) {
	org := func(pairs ...string) map[string]string {
		return map[string]string{orgFR: edits(validOrgFR, pairs...)}
	}
	runLoadCases(t, []loadCase{
		{name: "name missing", files: org("name: Acme France", "# name"),
			want: []string{orgFR + ":1: name: missing; give the employer's name"}},
		{name: "name may differ", files: map[string]string{orgEN: edit(validOrgEN, "Acme France", "Acme")}},
		{name: "url missing", files: org("url: https://acme.example.org/", "# url"),
			want: []string{orgFR + ":1: url: missing; give the employer's web site, like https://ecpat-france.org/"}},
		// The file of the default language renamed alone: the other one
		// is an employer of its own without it.
		{name: "default language file renamed alone", files: map[string]string{orgFR: deleted, "content/organizations/acme-france.fr.md": validOrgFR},
			want: []string{
				orgEN + `:1: employer "acme" has no French text, the file that gives its web site (url): if you renamed it content/organizations/acme-france.fr.md, rename this file content/organizations/acme-france.en.md`,
				postingFR + `:4: organization: employer "acme" has no French text: create content/organizations/acme.fr.md`,
			}},
		{name: "default language file missing", files: map[string]string{orgFR: deleted},
			want: []string{
				orgEN + `:1: employer "acme" has no French text (content/organizations/acme.fr.md), the file that gives its web site (url): create it`,
				postingFR + `:4: organization: employer "acme" has no French text: create content/organizations/acme.fr.md`,
			}},
		{name: "url relative", files: org("https://acme.example.org/", "acme.example.org"),
			want: []string{orgFR + `:3: url: "acme.example.org" is not an absolute web address; write it in full, like https://example.org/`}},
		{name: "url drift", files: map[string]string{orgEN: edit(validOrgEN, "---\nAcme", "url: https://acme.example.com/\n---\nAcme")},
			want: []string{orgEN + ":3: url: translation drift: https://acme.example.com/ here but https://acme.example.org/ in content/organizations/acme.fr.md:3; facts must be the same in every language (remove this line, facts are written once)"}},
		{name: "url repeated", files: map[string]string{orgEN: edit(validOrgEN, "---\nAcme", "url: https://acme.example.org/\n---\nAcme")}},
		{name: "logo missing", files: org("img/acme.svg", "img/nope.svg"),
			want: []string{orgFR + ":4: logo: assets/img/nope.svg does not exist; put the image in assets/ and give its path from there"}},
		{name: "logo with assets prefix", files: org("img/acme.svg", "assets/img/acme.svg"),
			want: []string{orgFR + ":4: logo: assets/assets/img/acme.svg does not exist; the path is read from inside assets/: write logo: img/acme.svg"}},
		{name: "logo a folder", files: org("img/acme.svg", "img"),
			want: []string{orgFR + ":4: logo: assets/img is a folder; give the path of the image file"}},
		{name: "logo a web address", files: org("img/acme.svg", "https://acme.example.org/logo.svg"),
			want: []string{orgFR + ":4: logo: must be an image file in assets/, not a web address: download the image into assets/ and give its path from there"}},
		{name: "logo cannot leave assets", files: org("img/acme.svg", "../content/site.yaml"),
			want: []string{orgFR + ":4: logo: assets/content/site.yaml does not exist; put the image in assets/ and give its path from there"}},
		{name: "unknown key", files: org("logo:", "website:"),
			want: []string{orgFR + ":4: website: unknown field; the fields are: name, url, logo"}},
	})
}

func TestTranslations(t *testing.T) {
	en := func(fields string) map[string]string {
		return map[string]string{postingEN: "---\ntitle: Intercultural mediator\n" + fields + "---\nThe job.\n"}
	}
	runLoadCases(t, []loadCase{
		{name: "drift", files: en("contract: CDD\n"),
			want: []string{postingEN + ":3: contract: translation drift: CDD here but CDI in content/postings/job.fr.md:5; facts must be the same in every language (remove this line, facts are written once)"}},
		{name: "same value repeated", files: en("contract: CDI\nremote: no\nstart: 2025-05-21\n")},
		{name: "same boolean spelled differently", files: map[string]string{
			postingFR: fr("hours_per_week: 35", "draft: false"),
			postingEN: "---\ntitle: Intercultural mediator\ndraft: False\n---\nThe job.\n"}},
		{name: "same group in another order", files: en("salary: {basis: gross, period: year, currency: EUR, max: 28000, min: 24000.0}\n")},
		{name: "group drift", files: en("salary: {min: 24000, max: 28000, period: month}\n"),
			want: []string{postingEN + ":3: salary: translation drift: {max: 28000, min: 24000, period: month} here but {basis: gross, currency: EUR, max: 28000, min: 24000, period: year} in content/postings/job.fr.md:8; facts must be the same in every language (remove this line, facts are written once)"}},
		{name: "nested drift reported once", files: en("eligibility:\n  residence: [BE]\n"),
			want: []string{postingEN + ":3: eligibility: translation drift: {residence: [BE]} here but {residence: [FR]} in content/postings/job.fr.md:20; facts must be the same in every language (remove this line, facts are written once)"}},
		{name: "subject drift", files: en("apply:\n  to: [jobs@example.org, boss@example.org]\n  subject: application mediator\n  documents: [cv, cover-letter]\n"),
			want: []string{postingEN + ":3: apply: translation drift: {documents: [cv, cover-letter], subject: application mediator, to: [jobs@example.org, boss@example.org]} here but {documents: [cv, cover-letter], subject: candidature médiateur, to: [jobs@example.org, boss@example.org]} in content/postings/job.fr.md:25; facts must be the same in every language (remove this line, facts are written once)"}},
		{name: "fact only in translation", files: map[string]string{
			postingFR: fr("expires: 2025-06-30", "# expires"),
			postingEN: "---\ntitle: Intercultural mediator\nexpires: 2025-06-30\n---\nThe job.\n"},
			want: []string{postingEN + ":3: expires: translation drift: this fact is not in content/postings/job.fr.md, which holds the facts; write it there, once", noExpires}},
		{name: "bad value in translation", files: en("contract: CDX\n"),
			want: []string{
				postingEN + `:3: contract: "CDX" is not allowed; use one of: CDI, CDD, interim, alternance, stage, freelance, volontariat, benevolat`,
				postingEN + ":3: contract: translation drift: CDX here but CDI in content/postings/job.fr.md:5; facts must be the same in every language (remove this line, facts are written once)",
			}},
		{name: "translation missing", files: map[string]string{postingEN: deleted},
			want: []string{postingFR + ": warning: no English version (content/postings/job.en.md): the posting is published in French only"}},
		{name: "default language missing", files: map[string]string{postingFR: deleted, postingEN: strings.Replace(validPostingFR, "Médiateur interculturel", "Intercultural mediator", 1)},
			want: []string{postingEN + ": warning: no French version (content/postings/job.fr.md): the posting is published in English only"}},
		{name: "unknown key in translation", files: en("sumary: x\n"),
			want: []string{postingEN + ":3: sumary: unknown field; did you mean summary?"}},
	})
}

func TestDrafts(t *testing.T) {
	files := testSite(map[string]string{postingFR: fr("hours_per_week: 35", "draft: true")})
	site, ds := Load(files, Options{})
	if site == nil || len(ds) != 0 {
		t.Fatalf("draft site: %v", strs(ds))
	}
	if len(site.Postings) != 0 {
		t.Errorf("without Drafts: %d postings, want 0", len(site.Postings))
	}
	site, ds = Load(files, Options{Drafts: true})
	if site == nil || len(ds) != 0 {
		t.Fatalf("draft site: %v", strs(ds))
	}
	if len(site.Postings) != 1 || !site.Postings[0].Facts.Draft {
		t.Errorf("with Drafts: want the draft posting, got %+v", site.Postings)
	}
	// draft: false publishes.
	site, _ = Load(testSite(map[string]string{postingFR: fr("hours_per_week: 35", "draft: false")}), Options{})
	if site == nil || len(site.Postings) != 1 {
		t.Errorf("draft: false is not published")
	}
	// A draft is still checked: its mistakes are reported (and fail).
	_, ds = Load(testSite(map[string]string{postingFR: fr("hours_per_week: 35", "draft: true", "contract: CDI", "contract: CDX")}), Options{})
	if ds.Errors() != 1 {
		t.Errorf("a draft's mistakes: %v", strs(ds))
	}
}
