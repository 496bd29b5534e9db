// Package scaffold starts new content from the archetypes in
// layouts/archetypes/: "jobboard new <slug>" writes one file per language of
// the site, ready to edit.
//
// An archetype is a text/template file named posting.<lang>.md (or
// posting.md, used for a language that has none of its own). It receives
// Data. The file of the default language holds the facts of the posting
// (contract, salary, dates, ...), with comments saying what each field means
// and which values it takes; the other languages hold only the text (title,
// summary and body). So each archetype writes its facts inside
// {{if .Default}} ... {{end}}, and the same archetype serves a site whose
// default language is another one.
//
// Placeholder values are valid values, so that a fresh draft loads and
// previews (jobboard serve -drafts) with no error, only the warnings any
// draft gives; they are chosen to look obviously unfinished (example.org
// addresses, "À préciser") and the posting stays a draft until someone
// removes draft: true.
package scaffold

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"text/template"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/msg"
	"github.com/jobboard/jobboard/internal/site"
	"github.com/jobboard/jobboard/internal/theme"
)

// slugRE is the rule of internal/content for the names of posting files;
// a name the loader would refuse must be refused here, before any file exists.
var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// SlugError is a name that cannot be used for a posting. It is a mistake on
// the command line rather than in the content.
type SlugError struct {
	Slug   string
	Reason msg.Text
}

func (e *SlugError) Error() string { return e.In(msg.English) }

// In is the error in language l.
func (e *SlugError) In(l msg.Lang) string { return l.Sprintf("%q %s", e.Slug, e.Reason) }

// CheckSlug reports whether slug can name a posting.
func CheckSlug(slug string) error {
	switch {
	case slug == "":
		return &SlugError{slug, msg.New("is empty: give the posting a name, like mediateur-interculturel-calais")}
	case !slugRE.MatchString(slug):
		if fix := site.Slugify(slug); slugRE.MatchString(fix) && !slices.Contains(site.Reserved(), fix) {
			// The name alone: the command may have had -from or -C.
			return &SlugError{slug, msg.New("cannot be used in a web address: use lower-case letters a-z, digits and single hyphens, as in %s", fix)}
		}
		return &SlugError{slug, msg.New("cannot be used in a web address: use lower-case letters a-z, digits and single hyphens, like mediateur-interculturel-calais")}
	case slices.Contains(site.Reserved(), slug):
		// Those a slug could be (not feed.xml), as the site's pages use them.
		names := slices.DeleteFunc(site.Reserved(), func(n string) bool { return !slugRE.MatchString(n) })
		return &SlugError{slug, msg.New("is reserved for the site's own pages (%s): choose another name", strings.Join(names, ", "))}
	}
	return nil
}

// ErrExists is returned (wrapped) when a file of the posting already exists.
var ErrExists = msg.Sentinel("a posting of that name already exists")

// Data is what an archetype receives.
type Data struct {
	Slug            string
	Lang            string   // language of the file being written
	Default         bool     // true in the default language's file, the one holding the facts
	DefaultLanguage string   // first language of site.yaml
	Languages       []string // every language of the site, default first
	Title           string   // placeholder title made from the slug
	Posted          string   // today, YYYY-MM-DD, in the site's time zone
	Organization    string   // first employer found in content/organizations/, or "your-employer"
	FactsFile       string   // "content/postings/<slug>.<default>.md"
}

// Result says what Posting wrote.
type Result struct {
	Files []string   // slash paths from the site root, default language first
	Notes []msg.Text // things the author must do before the draft is valid
}

// Posting writes content/postings/<slug>.<lang>.md for every language of
// the site in root, from the archetypes: the site's, else those of the
// built-in theme builtin (nil: none). today is the posted date; zero
// means today in the site's time zone. It writes either every file or none.
func Posting(root string, builtin fs.FS, slug string, today content.Date) (*Result, error) {
	fsys := theme.New(content.DirFS(root), builtin) // reads nothing outside the site folder
	cfg, today, err := prepare(fsys, slug, today)
	if err != nil {
		return nil, err
	}

	res := &Result{}
	data := Data{
		Slug:            slug,
		DefaultLanguage: cfg.Languages[0],
		Languages:       cfg.Languages,
		Title:           titleOf(slug),
		Posted:          today.String(),
		FactsFile:       postingFile(slug, cfg.Languages[0]),
	}
	data.Organization = firstOrganization(fsys)
	if data.Organization == "" {
		data.Organization = "your-employer"
		res.Notes = append(res.Notes, msg.New(
			"there is no employer in content/organizations/ yet: create content/organizations/<name>.<language>.md "+
				"for every language, then put its <name> as organization: in %s", data.FactsFile))
	}

	// Render everything before writing anything, so a broken archetype
	// leaves no half-made posting behind.
	out := make([][]byte, len(cfg.Languages))
	for i, lang := range cfg.Languages {
		d := data
		d.Lang, d.Default = lang, i == 0
		if out[i], err = render(fsys, d); err != nil {
			return nil, err
		}
	}
	names := make([]string, len(cfg.Languages))
	for i, lang := range cfg.Languages {
		names[i] = postingFile(slug, lang)
	}
	if res.Files, err = writeAll(root, names, out); err != nil {
		return nil, err
	}
	return res, nil
}

// writeAll writes the new files names (slash paths from root) with
// data, every one or none: it removes those it wrote when one fails.
func writeAll(root string, names []string, data [][]byte) ([]string, error) {
	var written []string
	for i, name := range names {
		if err := writeNew(filepath.Join(root, filepath.FromSlash(name)), data[i]); err != nil {
			for _, f := range written {
				os.Remove(filepath.Join(root, filepath.FromSlash(f)))
			}
			if errors.Is(err, fs.ErrExist) {
				return nil, msg.Errorf("%s: %w", name, ErrExists)
			}
			return nil, err
		}
		written = append(written, name)
	}
	return written, nil
}

// prepare checks that slug can name a new posting of the site fsys, and
// reads the site's settings; today, when zero, becomes today in the
// site's time zone.
func prepare(fsys fs.FS, slug string, today content.Date) (*siteConfig, content.Date, error) {
	if err := CheckSlug(slug); err != nil {
		return nil, today, err
	}
	cfg, err := readSiteConfig(fsys)
	if err != nil {
		return nil, today, err
	}
	if today.IsZero() {
		today = content.DateOf(time.Now().In(cfg.loc))
	}
	return cfg, today, checkFree(fsys, slug)
}

func postingFile(slug, lang string) string { return "content/postings/" + slug + "." + lang + ".md" }

// writeNew creates name, refusing to replace a file that appeared since
// checkFree looked (O_EXCL), so two authors can never overwrite each other.
func writeNew(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(name)
		return err
	}
	return f.Close()
}

// checkFree refuses a slug that any posting file already uses, in any
// language, even one site.yaml no longer lists: the new files would join
// that posting instead of starting a new one.
func checkFree(fsys fs.FS, slug string) error {
	entries, err := fs.ReadDir(fsys, "content/postings")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for _, e := range entries {
		if base, ok := strings.CutSuffix(e.Name(), ".md"); ok {
			if i := strings.LastIndexByte(base, '.'); i > 0 && base[:i] == slug {
				return msg.Errorf("content/postings/%s: %w: choose another name, or edit the files of %s", e.Name(), ErrExists, slug)
			}
		}
	}
	return nil
}

// firstOrganization is the first employer key, in name order, that has a
// file in content/organizations/: on the usual one-employer site it is the
// right value, and otherwise a valid one to change.
func firstOrganization(fsys fs.FS) string {
	entries, _ := fs.ReadDir(fsys, "content/organizations")
	for _, e := range entries {
		base, ok := strings.CutSuffix(e.Name(), ".md")
		if !ok || e.IsDir() || strings.HasPrefix(base, ".") {
			continue
		}
		if i := strings.LastIndexByte(base, '.'); i > 0 && slugRE.MatchString(base[:i]) {
			return base[:i]
		}
	}
	return ""
}

// titleOf makes a readable placeholder title from a slug:
// "chargee-de-communication" → "Chargee de communication".
func titleOf(slug string) string {
	s := strings.ReplaceAll(slug, "-", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

func render(fsys fs.FS, d Data) ([]byte, error) {
	name := "layouts/archetypes/posting." + d.Lang + ".md"
	src, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		name = "layouts/archetypes/posting.md"
		src, err = fs.ReadFile(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, msg.Errorf("no archetype for %s: create layouts/archetypes/posting.%s.md (copy another posting.*.md there and translate it)", d.Lang, d.Lang)
		}
	}
	if err != nil {
		return nil, err
	}
	t, err := template.New(name).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

type siteConfig struct {
	Languages []string `yaml:"languages"`
	Timezone  string   `yaml:"timezone"`
	loc       *time.Location
}

// readSiteConfig reads the two settings new needs from site.yaml. It reads
// them leniently, without the loader's full validation, so that a mistake
// in another posting does not stop anyone from starting a new one.
func readSiteConfig(fsys fs.FS) (*siteConfig, error) {
	const name = "content/site.yaml"
	data, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, msg.Errorf("%s is missing: run jobboard in the site folder (the one holding content/), or give it with -C", name)
	}
	if err != nil {
		return nil, err
	}
	var cfg siteConfig
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		return nil, msg.Errorf("%s cannot be read (%v): run jobboard check", name, err)
	}
	if len(cfg.Languages) == 0 {
		return nil, msg.Errorf("%s: languages: missing; list the site's languages, the default first: languages: [fr, en]", name)
	}
	for _, l := range cfg.Languages {
		// The language becomes part of a file name.
		if l == "" || l != path.Base(l) || strings.ContainsAny(l, `.\/`) {
			return nil, msg.Errorf("%s: languages: %q is not a language code: run jobboard check", name, l)
		}
	}
	cfg.loc, _ = time.LoadLocation("Europe/Paris")
	if cfg.Timezone != "" {
		if cfg.loc, err = time.LoadLocation(cfg.Timezone); err != nil {
			return nil, msg.Errorf("%s: timezone: %q is not a time zone; use a name like Europe/Paris", name, cfg.Timezone)
		}
	}
	if cfg.loc == nil {
		cfg.loc = time.UTC
	}
	return &cfg, nil
}
