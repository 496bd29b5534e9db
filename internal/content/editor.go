package content

import (
	"regexp"
	"strings"
)

// Editor says where the browser editor at /admin/ saves: which git host,
// which repository and branch, and how staff sign in. It is read from the
// editor: group of site.yaml; nil when site.yaml has none (no editor is
// built).
type Editor struct {
	Backend string // "github" or "gitlab"
	Repo    string // owner/name, or group/subgroup/name on GitLab
	Branch  string // "main" when not given
	AuthURL string // github: the sign-in helper's address; gitlab: the GitLab address when not gitlab.com
	AppID   string // gitlab: the application ID (sign-in without a server)
}

// EditorBackends are the git hosts the editor can save to.
var EditorBackends = []string{"github", "gitlab"}

var (
	editorKeys = []string{"backend", "repo", "branch", "auth_url", "app_id"}
	repoRE     = regexp.MustCompile(`^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$`)
	branchRE   = regexp.MustCompile(`^[A-Za-z0-9_./-]+$`)
)

// decodeEditor reads the editor: group of site.yaml.
func decodeEditor(d *decoder, f *field) *Editor {
	g, ok := d.group(f, "editor")
	if !ok {
		return nil
	}
	d.unknown(g, "editor", editorKeys, nil)
	e := &Editor{Branch: "main"}
	good := true
	if bf := g.get("backend"); bf != nil {
		e.Backend, ok = d.enum(bf, "editor.backend", EditorBackends)
		good = good && ok
	} else {
		d.errorf(f, "editor.backend", "missing; say where the site's files are kept: github or gitlab")
		good = false
	}
	if rf := g.get("repo"); rf != nil {
		if s, ok := d.text(rf, "editor.repo"); !ok {
			good = false
		} else if !repoRE.MatchString(s) {
			d.errorf(rf, "editor.repo", "%q is not a repository; write its owner and name as in its address, like ecpat-france/emplois", s)
			good = false
		} else {
			e.Repo = s
		}
	} else {
		d.errorf(f, "editor.repo", "missing; give the repository as in its address, like ecpat-france/emplois")
		good = false
	}
	if bf := g.get("branch"); bf != nil {
		if s, ok := d.text(bf, "editor.branch"); !ok {
			good = false
		} else if !branchRE.MatchString(s) || strings.Contains(s, "..") {
			d.errorf(bf, "editor.branch", "%q is not a branch name; give the branch the site is built from, like main", s)
			good = false
		} else {
			e.Branch = s
		}
	}
	for _, k := range []struct {
		name string
		into *string
	}{{"auth_url", &e.AuthURL}, {"app_id", &e.AppID}} {
		kf := g.get(k.name)
		if kf == nil {
			continue
		}
		s, ok := d.text(kf, "editor."+k.name)
		if !ok {
			good = false
			continue
		}
		if k.name == "auth_url" {
			if err := checkBaseURL(s); err != nil {
				d.errorf(kf, "editor.auth_url", "%s", err)
				good = false
				continue
			}
			s = strings.TrimSuffix(s, "/")
		}
		*k.into = s
	}
	if good && e.Backend == "github" && e.AuthURL == "" {
		d.errorf(f, "editor.auth_url", "missing; GitHub needs a sign-in helper: give its address (see docs/publishing.md, Editing in the browser)")
		good = false
	}
	if good && e.Backend == "gitlab" && e.AppID == "" {
		d.errorf(f, "editor.app_id", "missing; give the application ID GitLab showed when you added the application (see docs/publishing.md, Editing in the browser)")
		good = false
	}
	if !good {
		return nil
	}
	return e
}

// Field describes one front-matter field of a posting as a form shows
// it. PostingFields lists them from the same key lists the checks read,
// so that a field added to the content model is in every form.
type Field struct {
	Name         string // the key, as written in the file
	Path         string // dotted, from the top: "salary.min"
	Kind         string // see fieldKinds; "text" when the model says nothing more
	Values       []string
	Required     bool // always required (rules between fields are left to check)
	Translatable bool // written in every language's file; facts only in the default language's
	Fields       []Field
}

// Kinds of field, for forms.
const (
	KindText         = "text"         // one line of text
	KindInteger      = "integer"      // a whole number
	KindNumber       = "number"       // a number
	KindBool         = "bool"         // true or false
	KindDate         = "date"         // YYYY-MM-DD
	KindStart        = "start"        // YYYY-MM-DD or asap
	KindChoice       = "choice"       // one of Values
	KindChoices      = "choices"      // a list of Values
	KindList         = "list"         // a list of text
	KindGroup        = "group"        // Fields
	KindPlaces       = "places"       // a group of Fields, or a list of such groups (location: one place of work, or several)
	KindOrganization = "organization" // the key of a file of content/organizations/
	KindAddresses    = "addresses"    // a list of e-mail addresses, checked as check does
	KindSubject      = "subject"      // one line, used byte for byte
	KindCountries    = "countries"    // a list of ISO 3166-1 alpha-2 codes
	KindLanguages    = "languages"    // a list of BCP 47 language codes
)

// fieldKinds says what each key of a posting holds, for forms. A key the
// decoder knows and this table does not is a line of text in forms.
var fieldKinds = map[string]struct {
	kind     string
	values   []string
	required bool
}{
	"title":                 {KindText, nil, true},
	"summary":               {KindText, nil, false},
	"organization":          {KindOrganization, nil, true},
	"contract":              {KindChoice, contractNames, true},
	"duration_months":       {KindInteger, nil, false},
	"hours":                 {KindChoice, hoursValues, true},
	"hours_per_week":        {KindNumber, nil, false},
	"salary":                {KindGroup, nil, false},
	"salary.min":            {KindNumber, nil, false},
	"salary.max":            {KindNumber, nil, false},
	"salary.currency":       {KindText, nil, false},
	"salary.period":         {KindChoice, periodValues, false},
	"salary.basis":          {KindChoice, basisValues, false},
	"location":              {KindPlaces, nil, true},
	"location.city":         {KindText, nil, true},
	"location.postal_code":  {KindText, nil, false},
	"location.region":       {KindText, nil, false},
	"location.country":      {KindText, nil, true},
	"remote":                {KindChoice, remoteValues, false},
	"eligibility":           {KindGroup, nil, false},
	"eligibility.residence": {KindCountries, nil, false},
	"start":                 {KindStart, nil, true},
	"posted":                {KindDate, nil, true},
	"expires":               {KindDate, nil, false},
	"filled":                {KindDate, nil, false},
	"apply":                 {KindGroup, nil, true},
	"apply.to":              {KindAddresses, nil, true},
	"apply.subject":         {KindSubject, nil, false},
	"apply.documents":       {KindChoices, Documents, false},
	"languages":             {KindGroup, nil, false},
	"languages.required":    {KindLanguages, nil, false},
	"languages.plus":        {KindLanguages, nil, false},
	"draft":                 {KindBool, nil, false},
	"apply.strict":          {KindBool, nil, false},
}

// groupKeys are the keys of each group of a posting's front matter.
var groupKeys = map[string][]string{
	"salary": salaryKeys, "location": locationKeys, "eligibility": eligKeys,
	"apply": applyKeys, "languages": langKeys,
}

// PostingFields lists the fields of a posting's front matter in the order
// "jobboard new" writes them: the translatable ones, then the facts.
func PostingFields() []Field {
	fields := make([]Field, 0, len(postingKeys))
	for _, k := range postingKeys {
		f := makeField(k, k)
		f.Translatable = containsFold(translatableKeys, k)
		fields = append(fields, f)
	}
	return fields
}

func makeField(name, path string) Field {
	f := Field{Name: name, Path: path, Kind: KindText}
	if info, ok := fieldKinds[path]; ok {
		f.Kind, f.Values, f.Required = info.kind, info.values, info.required
	}
	if keys, ok := groupKeys[path]; ok {
		if f.Kind != KindPlaces {
			f.Kind = KindGroup
		}
		for _, k := range keys {
			f.Fields = append(f.Fields, makeField(k, path+"."+k))
		}
	}
	return f
}

// OrganizationFields lists the fields of an employer's front matter.
func OrganizationFields() []Field {
	fields := make([]Field, 0, len(orgKeys))
	for _, k := range orgKeys {
		f := Field{Name: k, Path: k, Kind: KindText, Required: k == "name" || k == "url", Translatable: k == "name"}
		fields = append(fields, f)
	}
	return fields
}

// CheckApplyAddress says why s cannot be an address of apply.to, as
// check does; nil when it can.
func CheckApplyAddress(s string) error { return checkApplyAddress(s) }
