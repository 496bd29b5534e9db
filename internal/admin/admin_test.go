package admin

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"gopkg.in/yaml.v3"

	"github.com/jobboard/jobboard/internal/content"
)

func testSite(e *content.Editor) *content.Site {
	return &content.Site{
		BaseURL:   "https://jobs.example.org/",
		Languages: []string{"fr", "en"},
		Title:     map[string]string{"fr": "Offres", "en": "Jobs"},
		Editor:    e,
		Organizations: map[string]*content.Organization{
			"zeta": {Key: "zeta", Text: map[string]*content.OrganizationText{"fr": {Name: "Zêta"}, "en": {Name: "Zeta"}}},
			"acme": {Key: "acme", Text: map[string]*content.OrganizationText{"fr": {Name: "Acme"}, "en": {Name: "Acme"}}},
		},
		Postings: []*content.Posting{{Slug: "x", Facts: content.Facts{
			Languages: content.LanguageSkills{Required: []string{"fr", "tzm"}},
		}}},
	}
}

var github = &content.Editor{Backend: "github", Repo: "ngo/jobs", Branch: "main", AuthURL: "https://auth.example.org"}

type cfgField struct {
	Name     string
	Widget   string
	Label    string
	I18n     bool
	Required bool
	Multiple bool
	Options  []struct{ Label, Value string }
	Fields   []cfgField
	Field    *cfgField
	Pattern  []string
	Default  any
}

type cfg struct {
	Backend map[string]any
	I18n    struct {
		Locales []string `yaml:"locales"`
		Default string   `yaml:"default_locale"`
	}
	Collections []struct {
		Name   string
		Folder string
		Fields []cfgField
	}
}

func readConfig(t *testing.T, s *content.Site) cfg {
	t.Helper()
	data, err := Config(s)
	if err != nil {
		t.Fatal(err)
	}
	var c cfg
	if err := yaml.Unmarshal(data, &c); err != nil {
		t.Fatalf("config.yml: %v\n%s", err, data)
	}
	return c
}

// TestConfigIsTheModel: every field of the content model is a field of
// the postings' form, in the model's order, with a widget of its kind;
// the translatable ones are in every language, the facts in the default
// language only. A field added to the content model (package content's
// key lists) is in the form with no change here.
func TestConfigIsTheModel(t *testing.T) {
	c := readConfig(t, testSite(github))
	if !slices.Equal(c.I18n.Locales, []string{"fr", "en"}) || c.I18n.Default != "fr" {
		t.Errorf("i18n: %v, default %q", c.I18n.Locales, c.I18n.Default)
	}
	if len(c.Collections) != 2 || c.Collections[0].Folder != "content/postings" || c.Collections[1].Folder != "content/organizations" {
		t.Fatalf("collections: %+v", c.Collections)
	}
	form := c.Collections[0].Fields
	if last := form[len(form)-1]; last.Name != "body" || !last.I18n {
		t.Errorf("last field %+v, want the translatable body", last)
	}
	compareFields(t, "", content.PostingFields(), form[:len(form)-1])
}

// TestEveryFieldHasALabel: a field added to the content model is in the
// form at once (TestConfigIsTheModel), labelled with its key; this test
// asks for its words in labels.go.
func TestEveryFieldHasALabel(t *testing.T) {
	var walk func(fs []content.Field)
	walk = func(fs []content.Field) {
		for _, f := range fs {
			if fieldLabels[f.Path] == nil {
				t.Errorf("%s: no label in fieldLabels (labels.go): the form shows %q", f.Path, f.Name)
			}
			walk(f.Fields)
		}
	}
	walk(content.PostingFields())
	walk(content.OrganizationFields())
}

var widgets = map[string]string{
	content.KindText: "string", content.KindInteger: "number", content.KindNumber: "number",
	content.KindBool: "boolean", content.KindDate: "datetime", content.KindStart: "string",
	content.KindChoice: "select", content.KindChoices: "select", content.KindList: "list",
	content.KindGroup: "object", content.KindOrganization: "select", content.KindAddresses: "list",
	content.KindSubject: "string", content.KindCountries: "list", content.KindLanguages: "select",
	content.KindPlaces: PlacesWidget,
}

func compareFields(t *testing.T, prefix string, model []content.Field, form []cfgField) {
	t.Helper()
	var mn, fn []string
	for _, f := range model {
		mn = append(mn, f.Name)
	}
	for _, f := range form {
		fn = append(fn, f.Name)
	}
	if !slices.Equal(mn, fn) {
		t.Errorf("%sfields %v, want the model's %v", prefix, fn, mn)
		return
	}
	for i, m := range model {
		f := form[i]
		if w := widgets[m.Kind]; f.Widget != w {
			t.Errorf("%s: widget %q, want %q", m.Path, f.Widget, w)
		}
		if f.I18n != m.Translatable {
			t.Errorf("%s: i18n %v, want %v", m.Path, f.I18n, m.Translatable)
		}
		if f.Required != m.Required {
			t.Errorf("%s: required %v, want %v", m.Path, f.Required, m.Required)
		}
		if m.Kind == content.KindChoice || m.Kind == content.KindChoices {
			var values []string
			for _, o := range f.Options {
				values = append(values, o.Value)
				if o.Label == o.Value && valueLabels[o.Value] == nil {
					t.Errorf("%s: value %s has no label in valueLabels", m.Path, o.Value)
				}
				if !strings.Contains(o.Label, " / ") && valueLabels[o.Value]["fr"] != valueLabels[o.Value]["en"] {
					t.Errorf("%s: value %s: label %q is not in both languages", m.Path, o.Value, o.Label)
				}
			}
			if !slices.Equal(values, m.Values) {
				t.Errorf("%s: options %v, want %v", m.Path, values, m.Values)
			}
			if f.Multiple != (m.Kind == content.KindChoices) {
				t.Errorf("%s: multiple %v", m.Path, f.Multiple)
			}
		}
		if m.Kind == content.KindDate && f.Default != "" {
			t.Errorf("%s: default %v: Decap CMS would write it in every language's file", m.Path, f.Default)
		}
		compareFields(t, m.Path+".", m.Fields, f.Fields)
	}
}

// TestConfigEmployers: a posting picks its employer among the site's, by
// name, and the key is what is written.
func TestConfigEmployers(t *testing.T) {
	c := readConfig(t, testSite(github))
	for _, f := range c.Collections[0].Fields {
		if f.Name != "organization" {
			continue
		}
		var got []string
		for _, o := range f.Options {
			got = append(got, o.Label+"="+o.Value)
		}
		if want := []string{"Acme=acme", "Zêta / Zeta=zeta"}; !slices.Equal(got, want) {
			t.Errorf("employers %v, want %v", got, want)
		}
		return
	}
	t.Error("no organization field")
}

// TestConfigLanguages: the languages a posting asks for are offered,
// with those the postings already name (a value missing from the choice
// would be lost on saving), named in both languages.
func TestConfigLanguages(t *testing.T) {
	c := readConfig(t, testSite(github))
	var langs []cfgField
	for _, f := range c.Collections[0].Fields {
		if f.Name == "languages" {
			langs = f.Fields
		}
	}
	if len(langs) != 2 {
		t.Fatalf("languages: %+v", langs)
	}
	var values []string
	for _, o := range langs[0].Options {
		values = append(values, o.Value)
		if o.Value == "ar" && o.Label != "arabe / Arabic (ar)" {
			t.Errorf("ar: label %q", o.Label)
		}
	}
	for _, want := range []string{"fr", "en", "ar", "ps", "fa", "ti", "tzm"} {
		if !slices.Contains(values, want) {
			t.Errorf("%s is not offered: %v", want, values)
		}
	}
}

// TestAddressPattern: the form refuses the addresses check refuses, and
// accepts those it accepts.
func TestAddressPattern(t *testing.T) {
	// The browser's \uFFFF is RE2's \x{FFFF}.
	re := regexp.MustCompile(regexp.MustCompile(`\\u([0-9A-F]{4})`).ReplaceAllString(AddressPattern, `\x{$1}`))
	for _, a := range []string{
		"jobs@example.org", "a.b+c@sub.example.org", "o'neil@example.ie", "x_y-z@e-x.fr",
		"élodie@example.fr", "a@b.co",
		"", "jobs", "jobs@example", "jobs@@example.org", "a b@example.org", "Jobs <jobs@example.org>",
		"jobs@example.org,b@example.org", "jobs@example.org;", ".a@example.org", "a.@example.org",
		"a..b@example.org", "a@-example.org", "a@example-.org", "a@exa_mple.org", "a@example..org",
		"a@example.org.", `"a b"@example.org`, "a@xn--bcher-kva.example", "a@bücher.example",
		"a\u200b@example.org", " jobs@example.org", "a\u00a0b@example.org", "a\u202eb@example.org",
		"a\ufeffb@example.org", "a\u00adb@example.org", "a\u3000b@example.org", "a\u0085b@example.org",
	} {
		want := content.CheckApplyAddress(a) == nil
		if got := re.MatchString(a); got != want {
			t.Errorf("%q: the form accepts it: %v, check: %v (%v)", a, got, want, content.CheckApplyAddress(a))
		}
	}
}

func TestSubjectAndStartPatterns(t *testing.T) {
	subject := regexp.MustCompile(SubjectPattern)
	for s, ok := range map[string]bool{"candidature médiateur.rice": true, "x": true, " x": false, "x ": false, "": false} {
		if subject.MatchString(s) != ok {
			t.Errorf("subject %q: %v", s, !ok)
		}
	}
	start := regexp.MustCompile(StartPattern)
	for s, ok := range map[string]bool{"asap": true, "2026-01-31": true, "ASAP ": false, "31/01/2026": false} {
		if start.MatchString(s) != ok {
			t.Errorf("start %q: %v", s, !ok)
		}
	}
}

func TestBackends(t *testing.T) {
	gl := readConfig(t, testSite(&content.Editor{Backend: "gitlab", Repo: "ngo/web/jobs", Branch: "pages", AppID: "abc"}))
	if gl.Backend["auth_type"] != "pkce" || gl.Backend["app_id"] != "abc" || gl.Backend["repo"] != "ngo/web/jobs" || gl.Backend["branch"] != "pages" {
		t.Errorf("gitlab: %v", gl.Backend)
	}
	self := readConfig(t, testSite(&content.Editor{Backend: "gitlab", Repo: "a/b", Branch: "main", AppID: "abc", AuthURL: "https://git.example.org"}))
	if self.Backend["api_root"] != "https://git.example.org/api/v4" || self.Backend["base_url"] != "https://git.example.org" {
		t.Errorf("self-hosted gitlab: %v", self.Backend)
	}
	gh := readConfig(t, testSite(github))
	if gh.Backend["name"] != "github" || gh.Backend["base_url"] != "https://auth.example.org" {
		t.Errorf("github: %v", gh.Backend)
	}
}

// TestPageTalksToTheGitHostOnly: the editor's page may connect to the site,
// the git host's API and the local backend, and load nothing from
// elsewhere.
func TestPageTalksToTheGitHostOnly(t *testing.T) {
	for _, c := range []struct {
		e    *content.Editor
		host string
	}{
		{github, "https://api.github.com"},
		{&content.Editor{Backend: "gitlab", Repo: "a/b", AppID: "x"}, "https://gitlab.com"},
		{&content.Editor{Backend: "gitlab", Repo: "a/b", AppID: "x", AuthURL: "https://git.example.org"}, "https://git.example.org"},
	} {
		page, err := Page(testSite(c.e), "/assets/icon.1.svg")
		if err != nil {
			t.Fatal(err)
		}
		html := strings.ReplaceAll(string(page), "&#39;", "'")
		policy := regexp.MustCompile(`Content-Security-Policy" content="([^"]*)"`).FindStringSubmatch(html)
		if policy == nil {
			t.Fatalf("no policy:\n%s", page)
		}
		for _, d := range strings.Split(policy[1], "; ") {
			name, rest, _ := strings.Cut(d, " ")
			for _, src := range strings.Fields(rest) {
				if strings.Contains(src, "://") && !(name == "connect-src" && (src == c.host || src == "http://127.0.0.1:8081")) {
					t.Errorf("%s: %s allows %s", c.e.Backend, name, src)
				}
			}
			if name == "connect-src" && !strings.Contains(rest, c.host) {
				t.Errorf("%s: connect-src %q lacks %s", c.e.Backend, rest, c.host)
			}
		}
		if strings.Count(html, "<script") != 2 || !strings.Contains(html, `<script src="decap-cms.js"></script>`) {
			t.Errorf("scripts:\n%s", html)
		}
	}
}

func TestWrite(t *testing.T) {
	fsys := fstest.MapFS{
		"assets/admin/decap-cms.js":   {Data: []byte("decap")},
		"assets/admin/1.decap-cms.js": {Data: []byte("chunk")},
	}
	var names []string
	files := map[string][]byte{}
	write := func(name string, data []byte) error {
		names = append(names, name)
		files[name] = data
		return nil
	}
	if err := Write(fsys, testSite(nil), "", write); err != nil || len(names) != 0 {
		t.Errorf("no editor: %v, %v", names, err)
	}
	if err := Write(fsys, testSite(github), "", write); err != nil {
		t.Fatal(err)
	}
	want := []string{"admin/1.decap-cms.js", "admin/config.yml", "admin/decap-cms.js", "admin/index.html", "admin/jobboard.css", "admin/jobboard.js"}
	if !slices.Equal(names, want) {
		t.Errorf("wrote %v, want %v", names, want)
	}
	first := files
	files, names = map[string][]byte{}, nil
	if err := Write(fsys, testSite(github), "", write); err != nil {
		t.Fatal(err)
	}
	for n, data := range first {
		if !bytes.Equal(files[n], data) {
			t.Errorf("%s differs from one build to the next", n)
		}
	}
	if err := Write(fstest.MapFS{}, testSite(github), "", write); err == nil {
		t.Error("no error without the editor's program")
	}
}

// TestScriptOrder: the order the script puts each group's fields in is
// the content model's.
func TestScriptOrder(t *testing.T) {
	js, err := Script()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`"salary":["min","max","currency","period","basis"]`,
		`"location":["city","postal_code","region","country"]`,
		`"apply":["to","subject","documents","strict"]`,
	} {
		if !bytes.Contains(js, []byte(want)) {
			t.Errorf("jobboard.js lacks %s", want)
		}
	}
}

// TestConfigPlaces: the places of work are a list of at least one place
// in the widget jobboard.js registers, which opens a file of one place
// (a mapping) as a list of one and saves one place as a mapping.
func TestConfigPlaces(t *testing.T) {
	data, err := Config(testSite(github))
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Collections []struct {
			Fields []map[string]any
		}
	}
	if err := yaml.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	var loc map[string]any
	for _, f := range c.Collections[0].Fields {
		if f["name"] == "location" {
			loc = f
		}
	}
	if loc["widget"] != PlacesWidget || loc["min"] != 1 || loc["allow_add"] != true || loc["required"] != true || loc["i18n"] != nil {
		t.Errorf("location: %v, want the widget %s, at least one place, places added in the form, in the default language only", loc, PlacesWidget)
	}
	js, err := Script()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`var placesWidget = "` + PlacesWidget + `";`,
		`window.CMS.registerWidget(placesWidget, Places, list.preview, list.schema);`,
		`return l.size === 1 ? l.get(0) : l;`,
	} {
		if !bytes.Contains(js, []byte(want)) {
			t.Errorf("jobboard.js lacks %s", want)
		}
	}
}
