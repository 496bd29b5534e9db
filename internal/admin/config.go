package admin

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/jobboard/jobboard/internal/content"
)

// omap is a YAML mapping written in the order given, so that config.yml
// is the same from build to build and reads in the form's order.
type omap []kv

type kv struct {
	k string
	v any
}

func (m omap) MarshalYAML() (any, error) {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for _, e := range m {
		var v yaml.Node
		if err := v.Encode(e.v); err != nil {
			return nil, err
		}
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: e.k}, &v)
	}
	return n, nil
}

// AddressPattern is the rule of apply.to's addresses that check applies
// (package apply's CheckAddress), written for the browser: a dot-atom
// before the @ (letters beyond ASCII too, but no space or invisible
// character) and a domain name with a dot after it.
const AddressPattern = `^` + atom + `+(\.` + atom + `+)*@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$`

// atom is a character of an address's local part (RFC 5322 atext) and
// the letters beyond ASCII, less spaces and invisible characters (Cc, Cf,
// Zs, Zl, Zp of the Basic Multilingual Plane).
const atom = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\u00A1-\\u00AC\\u00AE-\\u05FF\\u0606-\\u061B\\u061D-\\u06DC\\u06DE-\\u070E\\u0710-\\u167F\\u1681-\\u180D\\u180F-\\u1FFF\\u2010-\\u2027\\u2030-\\u205E\\u2070-\\u2FFF\\u3001-\\uD7FF\\uE000-\\uFEFE\\uFF00-\\uFFF8\\uFFFC-\\uFFFD-]"

// SubjectPattern: one line, no space at either end (the rest of
// CheckSubject, control characters, is left to check).
const SubjectPattern = `^\S(.*\S)?$`

// StartPattern: a date or asap.
const StartPattern = `^(asap|\d{4}-\d{2}-\d{2})$`

const header = "# Made by jobboard build from the content model (package content) and site.yaml's\n" +
	"# editor: settings. Do not edit: the next build writes it again.\n"

// Config is /admin/config.yml: Decap CMS's settings, made from site.yaml
// and the content model.
func Config(cs *content.Site) ([]byte, error) {
	e := cs.Editor
	langs := cs.Languages
	def := cs.DefaultLanguage()
	backend := omap{{"name", e.Backend}, {"repo", e.Repo}, {"branch", e.Branch}}
	switch e.Backend {
	case "github":
		backend = append(backend, kv{"base_url", e.AuthURL})
	case "gitlab":
		backend = append(backend, kv{"auth_type", "pkce"}, kv{"app_id", e.AppID})
		if e.AuthURL != "" {
			backend = append(backend, kv{"api_root", e.AuthURL + "/api/v4"}, kv{"base_url", e.AuthURL}, kv{"auth_endpoint", "oauth/authorize"})
		}
	}
	backend = append(backend, kv{"commit_messages", omap{
		{"create", "content: new {{collection}} {{slug}} (browser editor)"},
		{"update", "content: {{collection}} {{slug}} edited (browser editor)"},
		{"delete", "content: {{collection}} {{slug}} deleted (browser editor)"},
		{"uploadMedia", "assets: {{path}} added (browser editor)"},
		{"deleteMedia", "assets: {{path}} deleted (browser editor)"},
	}})
	uiLocale := "en"
	if def == "fr" {
		uiLocale = "fr"
	}
	cfg := omap{
		{"backend", backend},
		{"local_backend", omap{{"url", LocalBackend}, {"allowed_hosts", []string{"127.0.0.1"}}}},
		{"locale", uiLocale},
		{"publish_mode", "simple"},
		{"media_folder", "assets"},
		{"public_folder", ""},
		{"show_preview_links", false},
		{"search", false},
		{"slug", omap{{"encoding", "ascii"}, {"clean_accents", true}, {"sanitize_replacement", "-"}}},
		{"i18n", omap{{"structure", "multiple_files"}, {"locales", langs}, {"default_locale", def}}},
		{"collections", []omap{postings(cs), organizations(cs)}},
	}
	var buf bytes.Buffer
	buf.WriteString(header)
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(cfg); err != nil {
		return nil, fmt.Errorf("admin/config.yml: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func postings(cs *content.Site) omap {
	langs := cs.Languages
	var fields []omap
	for _, f := range content.PostingFields() {
		fields = append(fields, widget(f, cs))
	}
	// check refuses a posting without text, in every language.
	body := omap{{"name", "body"}, {"label", word(fieldLabels, "body", langs)}, {"widget", "markdown"},
		{"i18n", true}, {"required", true}, {"buttons", []string{"bold", "italic", "link", "heading-two", "heading-three", "bulleted-list", "numbered-list"}},
		{"editor_components", []string{}}, {"modes", []string{"rich_text", "raw"}}}
	fields = append(fields, body)
	return omap{
		{"name", "postings"},
		{"label", word(uiLabels, "postings", langs)},
		{"label_singular", word(uiLabels, "posting", langs)},
		{"folder", "content/postings"},
		{"extension", "md"},
		{"format", "yaml-frontmatter"},
		{"create", true},
		{"delete", true},
		{"slug", "{{slug}}"},
		{"identifier_field", "title"},
		{"summary", "{{title}} ({{contract}}) — {{posted}}"},
		{"sortable_fields", []string{"title", "posted"}},
		{"i18n", true},
		{"fields", fields},
	}
}

func organizations(cs *content.Site) omap {
	langs := cs.Languages
	var fields []omap
	for _, f := range content.OrganizationFields() {
		fields = append(fields, widget(f, cs))
	}
	fields = append(fields, omap{{"name", "body"}, {"label", word(fieldLabels, "body", langs)}, {"widget", "markdown"},
		{"i18n", true}, {"required", false}, {"editor_components", []string{}}})
	return omap{
		{"name", "organizations"},
		{"label", word(uiLabels, "organizations", langs)},
		{"label_singular", word(uiLabels, "organization", langs)},
		{"folder", "content/organizations"},
		{"extension", "md"},
		{"format", "yaml-frontmatter"},
		{"create", true},
		{"slug", "{{slug}}"},
		{"identifier_field", "name"},
		{"summary", "{{name}}"},
		{"i18n", true},
		{"fields", fields},
	}
}

// widget is the form field of one field of the content model.
func widget(f content.Field, cs *content.Site) omap {
	langs := cs.Languages
	w := omap{{"name", f.Name}, {"label", word(fieldLabels, f.Path, langs)}}
	if hint := word(fieldHints, f.Path, langs); hint != f.Path {
		w = append(w, kv{"hint", hint})
	}
	w = append(w, kindWidget(f, cs)...)
	if f.Translatable {
		w = append(w, kv{"i18n", true})
	}
	w = append(w, kv{"required", f.Required})
	return w
}

// kindWidget is the part of f's form field that its kind decides: the
// Decap CMS widget and its settings.
func kindWidget(f content.Field, cs *content.Site) []kv {
	langs := cs.Languages
	switch f.Kind {
	case content.KindGroup:
		return groupWidget(f, cs)
	case content.KindPlaces:
		return placesWidget(f, cs)
	case content.KindInteger:
		return []kv{{"widget", "number"}, {"value_type", "int"}, {"min", 1}}
	case content.KindNumber:
		return []kv{{"widget", "number"}, {"value_type", "float"}, {"min", 0}}
	case content.KindBool:
		if f.Name == "draft" {
			return []kv{{"widget", "boolean"}, {"default", true}}
		}
		return []kv{{"widget", "boolean"}}
	case content.KindDate:
		// No default: Decap CMS writes a default date ({{now}}) in
		// every language's file, and check refuses a fact there.
		return []kv{{"widget", "datetime"}, {"format", "YYYY-MM-DD"}, {"date_format", "YYYY-MM-DD"}, {"time_format", false}, {"default", ""}}
	case content.KindStart:
		return []kv{{"widget", "string"}, {"default", "asap"}, {"pattern", []string{StartPattern, word(fieldHints, "start", langs)}}}
	case content.KindChoice, content.KindChoices, content.KindLanguages, content.KindOrganization:
		return selectWidget(f, cs)
	case content.KindAddresses:
		return []kv{{"widget", "list"}, {"allow_add", true}, {"collapsed", false},
			{"field", omap{{"name", "address"}, {"label", word(fieldLabels, f.Path, langs)}, {"widget", "string"},
				{"pattern", []string{AddressPattern, "name@example.org"}}}}}
	case content.KindCountries, content.KindList:
		return []kv{{"widget", "list"}}
	case content.KindSubject:
		return []kv{{"widget", "string"}, {"pattern", []string{SubjectPattern, word(fieldHints, f.Path, langs)}}}
	}
	switch f.Path {
	case "salary.currency":
		return []kv{{"widget", "string"}, {"default", "EUR"}, {"pattern", []string{`^[A-Z]{3}$`, "EUR"}}}
	case "location.country":
		return []kv{{"widget", "string"}, {"default", "FR"}, {"pattern", []string{`^[A-Z]{2}$`, "FR"}}}
	}
	return []kv{{"widget", "string"}}
}

// groupWidget is the form field of a group of fields (salary, eligibility,
// apply…): an object, open, with a field for each of its own.
func groupWidget(f content.Field, cs *content.Site) []kv {
	return []kv{{"widget", "object"}, {"collapsed", false}, {"fields", subWidgets(f, cs)}}
}

// placesWidget is the form field of the places of work: jobboard.js's
// widget, Decap CMS's list of places, which opens a file with one place
// (a mapping) too; saved, one place is a mapping again, several a list
// (see Script).
func placesWidget(f content.Field, cs *content.Site) []kv {
	return []kv{{"widget", PlacesWidget}, {"label_singular", word(uiLabels, "place", cs.Languages)},
		{"summary", "{{fields.city}}"}, {"collapsed", false}, {"allow_add", true}, {"min", 1},
		{"fields", subWidgets(f, cs)}}
}

// selectWidget is the form field of a choice among values: f's own
// (one, or several), the languages spoken, or the site's employers.
func selectWidget(f content.Field, cs *content.Site) []kv {
	langs := cs.Languages
	switch f.Kind {
	case content.KindChoices:
		return []kv{{"widget", "select"}, {"multiple", true}, {"options", options(f.Values, langs)}}
	case content.KindLanguages:
		var opts []omap
		for _, c := range spoken(cs) {
			opts = append(opts, omap{{"label", languageLabel(c, langs)}, {"value", c}})
		}
		return []kv{{"widget", "select"}, {"multiple", true}, {"options", opts}}
	case content.KindOrganization:
		// A choice of the employers of the site as built, not Decap CMS's
		// relation widget: that one writes its value into every
		// language's file when a posting is edited, and facts belong in
		// the default language's only. An employer added in the editor
		// is offered once the site is built again.
		return []kv{{"widget", "select"}, {"options", employers(cs)}}
	}
	w := []kv{{"widget", "select"}, {"options", options(f.Values, langs)}}
	if def, ok := choiceDefaults[f.Path]; ok {
		w = append(w, kv{"default", def})
	}
	return w
}

// choiceDefaults are the values the editor chooses first, by field.
var choiceDefaults = map[string]string{"remote": "no", "salary.basis": "gross", "salary.period": "year"}

// options are the options of a select of values, each labelled in langs.
func options(values []string, langs []string) []omap {
	var out []omap
	for _, v := range values {
		out = append(out, omap{{"label", word(valueLabels, v, langs)}, {"value", v}})
	}
	return out
}

// subWidgets are the form fields of the fields of a group.
func subWidgets(f content.Field, cs *content.Site) []omap {
	var sub []omap
	for _, g := range f.Fields {
		sub = append(sub, widget(g, cs))
	}
	return sub
}

// employers are the choices of a posting's employer: each employer of the
// site by its name in the site's languages, in the order of their keys.
func employers(cs *content.Site) []omap {
	keys := make([]string, 0, len(cs.Organizations))
	for k := range cs.Organizations {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var out []omap
	for _, k := range keys {
		var names []string
		for _, l := range cs.Languages {
			if t := cs.Organizations[k].Text[l]; t != nil && t.Name != "" && !slices.Contains(names, t.Name) {
				names = append(names, t.Name)
			}
		}
		label := k
		if len(names) > 0 {
			label = strings.Join(names, " / ")
		}
		out = append(out, omap{{"label", label}, {"value", k}})
	}
	return out
}
