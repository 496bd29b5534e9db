package scaffold

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jobboard/jobboard/internal/content"
)

// TestRelist starts a posting from the example's, as staff relist a job:
// the text and facts are kept, the old listing's dates cleared, and the
// new posting loads as a draft with no error.
func TestRelist(t *testing.T) {
	root := t.TempDir()
	if err := os.CopyFS(filepath.Join(root, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	old := "content/postings/mediateur-interculturel-calais.fr.md"
	data, err := os.ReadFile(filepath.Join(root, old))
	if err != nil {
		t.Fatal(err)
	}
	// The old listing had a closing date.
	withExpires := strings.Replace(string(data), "\nposted: 2025-04-22\n", "\nposted: 2025-04-22\nexpires: 2025-06-30  # closed\n", 1)
	writeFile(t, root, old, withExpires)

	today := content.Date{Year: 2026, Month: 3, Day: 2}
	res, err := Relist(root, "mediateur-interculturel-calais", "mediateur-calais-2026", today)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 2 {
		t.Fatalf("wrote %q, want the French and English files", res.Files)
	}
	site, ds := content.Load(content.DirFS(root), content.Options{Drafts: true, Today: today})
	if ds.Errors() > 0 {
		t.Fatalf("the relisted posting does not load: %v", ds)
	}
	var p, orig *content.Posting
	for _, sp := range site.Postings {
		switch sp.Slug {
		case "mediateur-calais-2026":
			p = sp
		case "mediateur-interculturel-calais":
			orig = sp
		}
	}
	if p == nil || orig == nil {
		t.Fatalf("postings %v", site.Postings)
	}
	f, o := p.Facts, orig.Facts
	switch {
	case f.Posted != today:
		t.Errorf("posted %v, want today %v", f.Posted, today)
	case !f.Expires.IsZero():
		t.Errorf("expires %v: the old closing date was kept", f.Expires)
	case !f.Draft:
		t.Error("the relisted posting is not a draft")
	case f.Apply.Subject != o.Apply.Subject || f.Contract != o.Contract || f.Location != o.Location:
		t.Errorf("facts not kept: %+v", f)
	case p.Translations["en"] == nil || p.Translations["en"].Title != orig.Translations["en"].Title:
		t.Error("the English text was not kept")
	}
	if got := strs(ds); !strings.Contains(got, "mediateur-calais-2026.fr.md") || !strings.Contains(got, "start: still marked") {
		t.Errorf("the start date to give again is not reported:\n%s", got)
	}

	if _, err := Relist(root, "no-such-posting", "autre", today); !errors.Is(err, ErrNoPosting) {
		t.Errorf("relisting a posting that does not exist: %v, want ErrNoPosting", err)
	}
	if _, err := Relist(root, "mediateur-interculturel-calais", "mediateur-calais-2026", today); !errors.Is(err, ErrExists) {
		t.Errorf("relisting over a posting: %v, want ErrExists", err)
	}
}

func strs(ds content.Diagnostics) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.String() + "\n")
	}
	return b.String()
}

// TestRelistCRLF: a posting saved by Notepad (byte-order mark, CR LF) is
// relisted, and keeps them.
func TestRelistCRLF(t *testing.T) {
	in := "\ufeff---\r\ntitle: Poste\r\nposted: 2025-04-22\r\nexpires: 2025-06-30\r\nstart: 2025-05-21\r\n---\r\nLe texte.\r\n"
	out, err := relistFacts([]byte(in), content.Date{Year: 2026, Month: 3, Day: 2}, startNote("fr"))
	if err != nil {
		t.Fatal(err)
	}
	want := "\ufeff---\r\ntitle: Poste\r\nposted: 2026-03-02\r\nstart: asap  # À REMPLACER : la nouvelle date de début, AAAA-MM-JJ, ou asap\r\ndraft: true\r\n---\r\nLe texte.\r\n"
	if string(out) != want {
		t.Errorf("got\n%q\nwant\n%q", out, want)
	}
}
