// Package admin makes the browser editor of a site: /admin/index.html,
// which loads Decap CMS, and /admin/config.yml, the editor's settings,
// made from the content model (package content) so that every field a
// posting may have is in the form, with the values check accepts.
//
// The editor's program is the built-in theme's assets/admin/ (Decap CMS,
// pinned: see assets/admin/README.md), copied as is: its parts load each
// other by name. Nothing is made when site.yaml has no editor: group.
package admin

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/jobboard/jobboard/internal/content"
)

// Dir is the folder of the built site, and of the theme's assets, that
// holds the editor.
const Dir = "admin"

// LocalBackend is where the editor looks for decap-server when the site
// is opened on this computer (http://127.0.0.1/...): the way to try the
// editor, and to test it, without a git host.
const LocalBackend = "http://127.0.0.1:8081/api/v1"

// Write hands the editor's files to w, in the order of their names: the
// program of the theme's assets/admin/ unchanged, index.html and
// config.yml. It writes nothing when the site has no editor. icon is the
// site path of the site's icon, "" for none.
func Write(fsys fs.FS, cs *content.Site, icon string, w func(name string, data []byte) error) error {
	if cs.Editor == nil {
		return nil
	}
	files := map[string][]byte{}
	err := fs.WalkDir(fsys, "assets/"+Dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		files[Dir+"/"+strings.TrimPrefix(p, "assets/"+Dir+"/")] = data
		return nil
	})
	if err != nil {
		return fmt.Errorf("the editor's program (assets/%s/): %w", Dir, err)
	}
	if _, ok := files[Dir+"/decap-cms.js"]; !ok {
		return fmt.Errorf("the editor's program is missing: assets/%s/decap-cms.js", Dir)
	}
	if files[Dir+"/config.yml"], err = Config(cs); err != nil {
		return err
	}
	if files[Dir+"/index.html"], err = Page(cs, icon); err != nil {
		return err
	}
	if files[Dir+"/jobboard.js"], err = Script(); err != nil {
		return err
	}
	files[Dir+"/jobboard.css"] = []byte(Style)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if err := w(n, files[n]); err != nil {
			return err
		}
	}
	return nil
}

// apiOrigin is the one address, besides the site's, the editor talks
// to: the git host's API.
func apiOrigin(e *content.Editor) string {
	if e.Backend == "gitlab" {
		if e.AuthURL != "" {
			if u, err := url.Parse(e.AuthURL); err == nil {
				return u.Scheme + "://" + u.Host
			}
		}
		return "https://gitlab.com"
	}
	return "https://api.github.com"
}

// csp allows the editor the site's own files and the git host's API, and
// nothing else: a font, a script or a status check from another host is
// refused by the browser. The local backend is allowed for the site
// opened on this computer. Decap CMS needs inline styles, eval (its
// settings are checked with compiled schemas) and WebAssembly.
func csp(e *content.Editor) string {
	local, _ := url.Parse(LocalBackend)
	return strings.Join([]string{
		"default-src 'self'",
		"script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
		"style-src 'self' 'unsafe-inline'",
		"img-src 'self' data: blob:",
		"font-src 'self' data:",
		"connect-src 'self' " + apiOrigin(e) + " " + local.Scheme + "://" + local.Host,
		"frame-src 'self' blob:",
		"worker-src 'self' blob:",
		"object-src 'none'",
		"base-uri 'self'",
	}, "; ")
}

var page = template.Must(template.New("admin").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<meta http-equiv="Content-Security-Policy" content="{{.CSP}}">
<title>{{.Title}}</title>
{{with .Icon}}<link rel="icon" href="{{.}}">{{end}}
<link rel="stylesheet" href="jobboard.css">
</head>
<body>
<noscript><p>{{.NoScript}}</p></noscript>
<script src="decap-cms.js"></script>
<script src="jobboard.js"></script>
</body>
</html>
`))

// Page is /admin/index.html: the editor's program, with a policy that
// lets it talk to the site and the git host only.
func Page(cs *content.Site, icon string) ([]byte, error) {
	lang := cs.DefaultLanguage()
	var buf bytes.Buffer
	err := page.Execute(&buf, map[string]string{
		"Icon":     icon,
		"Lang":     lang,
		"CSP":      csp(cs.Editor),
		"Title":    word(uiLabels, "editor", []string{lang}) + " — " + cs.Title[lang],
		"NoScript": word(uiLabels, "noscript", cs.Languages),
	})
	return buf.Bytes(), err
}

// word is the label of key in the site's languages, "français / English",
// each language once; English stands in for a language the table lacks,
// and key itself when the table has nothing.
func word(table map[string]map[string]string, key string, langs []string) string {
	m := table[key]
	var out []string
	for _, l := range langs {
		s := m[l]
		if s == "" {
			s = m["en"]
		}
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return key
	}
	return strings.Join(out, " / ")
}

// languageLabel names a language code in the site's languages: "arabe / Arabic (ar)".
func languageLabel(code string, langs []string) string {
	t, err := language.Parse(code)
	if err != nil {
		return code
	}
	var out []string
	for _, l := range langs {
		lt, err := language.Parse(l)
		if err != nil {
			continue
		}
		if n := display.Tags(lt).Name(t); n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		return code
	}
	return strings.Join(out, " / ") + " (" + code + ")"
}

// spoken lists the languages a posting may ask for: a fixed list, the
// site's languages and every language a posting already asks for (a value
// missing from a choice would be lost when the posting is saved).
func spoken(cs *content.Site) []string {
	out := slices.Clone(spokenLanguages)
	add := func(codes []string) {
		for _, c := range codes {
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	add(cs.Languages)
	for _, p := range cs.Postings {
		add(p.Facts.Languages.Required)
		add(p.Facts.Languages.Plus)
	}
	return out
}

// Style is /admin/jobboard.css: on a phone, Decap CMS's editor is 800
// pixels wide, with the Publish button out of sight. Below 800 pixels its
// toolbar wraps and the languages' columns are stacked, French first. (The
// selectors are the names Decap CMS gives its parts in its class names.)
const Style = `/* Made by jobboard build: the browser editor on narrow screens. */
@media (max-width: 799px) {
  [class*="-EditorContainer"], [class*="-ToolbarContainer"] { min-width: 0 !important; }
  [class*="-EditorContainer"] { padding-top: 0 !important; }
  [class*="-ToolbarContainer"] { flex-wrap: wrap; height: auto !important; position: sticky !important; top: 0; z-index: 300; }
  [class*="-ToolbarSectionBackLink"] { flex: 1 1 100%; min-width: 0; border-right: 0 !important; padding: 8px 12px !important; }
  [class*="-ToolbarSectionMain"] { flex: 1 1 auto; padding: 0 12px 8px !important; }
  [class*="-ToolbarSectionMeta"] { padding: 0 12px 8px !important; }
  [class*="-EditorContainer"] [class*="-ViewControls"] { display: none; }
  .SplitPane.vertical { position: static !important; display: block !important; height: auto !important; }
  .SplitPane.vertical > .Pane { width: 100% !important; max-width: 100% !important; overflow: visible !important; }
  .SplitPane.vertical > .Resizer { display: none; }
}
`
