package scaffold

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/msg"
)

// newSite makes a site in a temporary folder from the repository's
// site.yaml (with languages replaced when langs is not empty) and
// archetypes, with one employer and no posting.
func newSite(t *testing.T, langs string) string {
	t.Helper()
	root := t.TempDir()
	repo := filepath.Join("..", "..")
	dir := "layouts/archetypes"
	if err := os.CopyFS(filepath.Join(root, dir), os.DirFS(filepath.Join(repo, dir))); err != nil {
		t.Fatal(err)
	}
	if langs == "" {
		langs = "[fr, en]"
	}
	// The employer's facts (url) go in the default language's file.
	for i, lang := range strings.Split(strings.Trim(langs, "[]"), ",") {
		lang = strings.TrimSpace(lang)
		fm := "name: ECPAT France\n"
		if i == 0 {
			fm += "url: https://ecpat-france.org/\n"
		}
		writeFile(t, root, "content/organizations/ecpat-france."+lang+".md", "---\n"+fm+"---\nUne ONG.\n")
	}
	site, err := os.ReadFile(filepath.Join(repo, "content/site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, root, "content/site.yaml", strings.Replace(string(site), "languages: [fr, en]", "languages: "+langs, 1))
	return root
}

func writeFile(t *testing.T, root, name, data string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

var day = content.Date{Year: 2026, Month: 3, Day: 9}

// TestDraftLoads checks the promise of the archetypes: a fresh draft has no
// error, and only the warning every draft gives (no closing date yet),
// whichever language is the default.
func TestDraftLoads(t *testing.T) {
	for _, langs := range []string{"[fr, en]", "[en, fr]"} {
		t.Run(langs, func(t *testing.T) {
			root := newSite(t, langs)
			res, err := Posting(root, nil, "chargee-de-communication", day)
			if err != nil {
				t.Fatal(err)
			}
			def := strings.Trim(strings.Split(langs, ",")[0], "[ ")
			want := []string{"content/postings/chargee-de-communication." + def + ".md"}
			for _, l := range []string{"fr", "en"} {
				if l != def {
					want = append(want, "content/postings/chargee-de-communication."+l+".md")
				}
			}
			if !slices.Equal(res.Files, want) || len(res.Notes) != 0 {
				t.Fatalf("Posting wrote %q, notes %q; want %q and no note", res.Files, res.Notes, want)
			}
			for _, drafts := range []bool{false, true} {
				site, diags := content.Load(os.DirFS(root), content.Options{Drafts: drafts, Today: day})
				if site == nil || diags.Errors() > 0 {
					t.Fatalf("drafts=%v: fresh draft has errors:\n%s", drafts, diags.Err())
				}
				// A draft warns about what is left to do: no closing date yet,
				// the placeholders to replace, and the title to translate;
				// nothing else.
				expires := 0
				var examples []string // facts still at the archetype's example value
				for _, d := range diags {
					switch {
					case d.Field == "expires" && d.File == want[0]:
						expires++
					case strings.Contains(d.Msg.String(), "placeholder"):
					case d.Field == "title" && strings.Contains(d.Msg.String(), "translate the title") && d.File == want[1]:
					case strings.Contains(d.Msg.String(), "still marked") && d.File == want[0] && d.Severity == content.Warning:
						examples = append(examples, d.Field)
					case strings.Contains(d.Msg.String(), "still marked") && d.File == want[1] && d.Field == "title" && d.Severity == content.Warning:
						// The title new makes of the slug, in each language.
					default:
						t.Errorf("drafts=%v: unexpected diagnostic %s", drafts, d)
					}
				}
				// Every fact the archetype fills with a stand-in that would
				// pass the other checks, and the title made of the slug.
				slices.Sort(examples)
				if wantEx := []string{"apply.to", "location.city", "location.postal_code", "salary.max", "salary.min", "title"}; !slices.Equal(examples, wantEx) {
					t.Errorf("drafts=%v: example values reported for %q, want %q", drafts, examples, wantEx)
				}
				if expires != 1 {
					t.Errorf("drafts=%v: diagnostics = %q, want the warning about expires in %s", drafts, diags, want[0])
				}
				if n := len(site.Postings); n != map[bool]int{false: 0, true: 1}[drafts] {
					t.Errorf("drafts=%v: %d postings loaded", drafts, n)
				}
				if drafts {
					p := site.Postings[0]
					if !p.Facts.Draft || p.Facts.Posted != day || p.Facts.Organization != "ecpat-france" || len(p.Translations) != 2 {
						t.Errorf("draft facts = %+v, translations %d", p.Facts, len(p.Translations))
					}
				}
			}
			// Only the default language's file holds facts; the others
			// hold title, summary and body.
			other, err := os.ReadFile(filepath.Join(root, want[1]))
			if err != nil {
				t.Fatal(err)
			}
			for _, fact := range []string{"draft:", "organization:", "posted:", "salary:"} {
				if strings.Contains(string(other), "\n"+fact) {
					t.Errorf("%s repeats the fact %s:\n%s", want[1], fact, other)
				}
			}
		})
	}
}

func TestRefusals(t *testing.T) {
	root := newSite(t, "")
	if _, err := Posting(root, nil, "stagiaire", day); err != nil {
		t.Fatal(err)
	}
	for _, slug := range []string{"", "Stagiaire", "chargé", "a--b", "-a", "a-", "a_b", "../x", "archive", "contract", "place", "remote", "page", "search"} {
		_, err := Posting(root, nil, slug, day)
		var serr *SlugError
		if !errors.As(err, &serr) {
			t.Errorf("Posting(%q) = %v, want a SlugError", slug, err)
		}
	}
	// Any file of the slug counts, even in a language the site dropped.
	writeFile(t, root, "content/postings/ancienne.de.md", "")
	for _, slug := range []string{"stagiaire", "ancienne"} {
		_, err := Posting(root, nil, slug, day)
		if !errors.Is(err, ErrExists) {
			t.Errorf("Posting(%q) again = %v, want ErrExists", slug, err)
		}
	}
	// A refused posting leaves the folder as it was.
	entries, _ := os.ReadDir(filepath.Join(root, "content/postings"))
	if len(entries) != 3 {
		t.Errorf("content/postings holds %d files, want 3", len(entries))
	}
}

// TestAllOrNothing: when an archetype is missing for one language, no file
// is written at all.
func TestAllOrNothing(t *testing.T) {
	root := newSite(t, "[fr, en, de]")
	_, err := Posting(root, nil, "comptable", day)
	if err == nil || !strings.Contains(err.Error(), "posting.de.md") {
		t.Fatalf("Posting with no archetype for de = %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "content/postings/comptable.fr.md")); err == nil {
		t.Error("the French file was written although the posting could not be made whole")
	}
}

func TestNoEmployer(t *testing.T) {
	root := newSite(t, "")
	if err := os.RemoveAll(filepath.Join(root, "content/organizations")); err != nil {
		t.Fatal(err)
	}
	res, err := Posting(root, nil, "comptable", day)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0].String(), "content/organizations/") {
		t.Errorf("notes = %q, want one about creating an employer", res.Notes)
	}
}

// TestArchetypeLinkedOut: an archetype that is a link leading outside the
// site folder is not read (jobboard new would have copied the outside
// file into content/postings/, to be published): the error names the
// link and where it leads, and no file is written.
func TestArchetypeLinkedOut(t *testing.T) {
	root := newSite(t, "")
	outside := filepath.Join(t.TempDir(), "posting.md")
	writeFile(t, filepath.Dir(outside), "posting.md", "---\ntitle: SECRET\n---\n")
	arch := filepath.Join(root, "layouts/archetypes/posting.fr.md")
	if err := os.Remove(arch); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, arch); err != nil {
		t.Fatal(err)
	}
	_, err := Posting(root, nil, "comptable", day)
	if err == nil || !strings.Contains(err.Error(), "layouts/archetypes/posting.fr.md: a link to "+outside+", outside the site folder") {
		t.Fatalf("Posting with an archetype linked out = %v", err)
	}
	for _, lang := range []string{"fr", "en"} {
		if _, err := os.Stat(filepath.Join(root, "content/postings/comptable."+lang+".md")); err == nil {
			t.Errorf("comptable.%s.md was written", lang)
		}
	}
}

// TestSlugErrorIn: a refused name is explained in the reader's language.
func TestSlugErrorIn(t *testing.T) {
	for _, c := range []struct {
		slug, en, fr string
	}{
		{"Médiateur_Calais", `"Médiateur_Calais" cannot be used in a web address: use lower-case letters a-z, digits and single hyphens, as in mediateur-calais`,
			"\"Médiateur_Calais\" ne peut pas servir dans une adresse web\u00a0: utilisez des lettres minuscules a-z, des chiffres et des tirets simples, comme dans mediateur-calais"},
		{"東京", `"東京" cannot be used in a web address: use lower-case letters a-z, digits and single hyphens, like mediateur-interculturel-calais`,
			"\"東京\" ne peut pas servir dans une adresse web\u00a0: utilisez des lettres minuscules a-z, des chiffres et des tirets simples, comme mediateur-interculturel-calais"},
		{"archive", `"archive" is reserved for the site's own pages (archive, contract, place, remote, page, search): choose another name`,
			"\"archive\" est réservé aux pages du site lui-même (archive, contract, place, remote, page, search)\u00a0: choisissez un autre nom"},
	} {
		var serr *SlugError
		if !errors.As(CheckSlug(c.slug), &serr) {
			t.Fatalf("CheckSlug(%q) is no SlugError", c.slug)
		}
		if got := serr.In(msg.English); got != c.en {
			t.Errorf("English: %q, want %q", got, c.en)
		}
		if got := serr.In(msg.French); got != c.fr {
			t.Errorf("French: %q, want %q", got, c.fr)
		}
	}
}

// TestExamplesWithoutNotes: a value jobboard init or new writes as an
// example, beside its note "# CHANGE ME…" or "# À REMPLACER…", is
// reported even when the note is deleted and the value kept, as an error
// once the posting is published: no example address, name, place or pay
// is published for a real one.
func TestExamplesWithoutNotes(t *testing.T) {
	root := t.TempDir()
	if _, err := Site(root, SiteOptions{Host: "none"}); err != nil {
		t.Fatal(err)
	}
	dir := "layouts/archetypes"
	if err := os.CopyFS(filepath.Join(root, dir), os.DirFS(filepath.Join("..", "..", dir))); err != nil {
		t.Fatal(err)
	}
	if _, err := Posting(root, nil, "mediateur-calais", day); err != nil {
		t.Fatal(err)
	}
	type at struct {
		file string
		line int
	}
	noted := map[at]string{}
	err := filepath.WalkDir(filepath.Join(root, "content"), func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		name, _ := filepath.Rel(root, p)
		name = filepath.ToSlash(name)
		lines := strings.Split(string(data), "\n")
		for i, line := range lines {
			code := strings.TrimSpace(line)
			hash := strings.Index(line, " # ")
			if code == "" || code[0] == '#' || hash < 0 || !(strings.Contains(line[hash:], "CHANGE ME") || strings.Contains(line[hash:], "À REMPLACER")) {
				continue
			}
			// The title new makes of the posting's name may be the real
			// one ("Comptable"): with its note deleted, it stands.
			if !strings.HasPrefix(code, "title:") {
				noted[at{name, i + 1}] = line
			}
			lines[i] = strings.TrimRight(line[:hash], " ")
		}
		out := strings.Join(lines, "\n")
		out = strings.Replace(out, "\ndraft: true\n", "\n", 1)
		return os.WriteFile(p, []byte(out), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(noted) < 10 {
		t.Fatalf("only %d values with a note found: %v", len(noted), noted)
	}
	_, diags := content.Load(os.DirFS(root), content.Options{Today: day})
	for _, d := range diags {
		if d.Severity == content.Error {
			delete(noted, at{d.File, d.Line})
		}
	}
	for where, line := range noted {
		t.Errorf("%s:%d: %q, its note deleted, is published without an error", where.file, where.line, strings.TrimSpace(line))
	}
	if t.Failed() {
		t.Logf("diagnostics:\n%s", diags)
	}
}
