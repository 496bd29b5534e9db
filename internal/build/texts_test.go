package build

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/gensite"
)

// TestTextsGiveBackWhatWasLetGo: text reads a posting's body back from its
// file, exactly, and refuses a file that changed since the load rather
// than render another text.
func TestTextsGiveBackWhatWasLetGo(t *testing.T) {
	const (
		fr = "content/postings/x.fr.md"
		en = "content/postings/x.en.md"
	)
	files := map[string]string{
		fr: "\ufeff---\ntitle: Médiateur\n---\n\n## Missions\n\nAccueillir.\n",
		en: "---\ntitle: Mediator\n---\nWelcome people.",
	}
	fsys := fstest.MapFS{}
	trs := map[string]*content.Translation{}
	for lang, name := range map[string]string{"fr": fr, "en": en} {
		data := files[name]
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
		body := data[strings.Index(data, "---\n\n")+4:]
		if lang == "en" {
			body = "Welcome people."
		}
		trs[lang] = &content.Translation{Lang: lang, File: name, Body: []byte(body), BodyLen: len(body), Hash: content.FileHash([]byte(data))}
	}
	want := map[string]string{"fr": string(trs["fr"].Body), "en": string(trs["en"].Body)}

	tx := &texts{fsys: fsys}
	for lang, tr := range trs {
		tr.Body = nil
		got, err := tx.text(tr)
		if err != nil || string(got) != want[lang] {
			t.Errorf("%s: text = %q, %v; want %q", lang, got, err, want[lang])
		}
	}

	fsys[en] = &fstest.MapFile{Data: []byte("---\ntitle: Mediator\n---\nWelcome everyone.")}
	if got, err := tx.text(trs["en"]); err == nil || !strings.Contains(err.Error(), "changed while the site was built") {
		t.Errorf("after an edit: text = %q, %v; want an error", got, err)
	}
	delete(fsys, fr)
	if _, err := tx.text(trs["fr"]); err == nil {
		t.Error("a removed file gave a text")
	}
	if _, err := tx.text(&content.Translation{File: "content/postings/y.fr.md"}); err == nil {
		t.Error("a text never let go was made up")
	}
}

// TestTextsOfASiteLoadedWithout: a site loaded without its postings' text
// (content.Options.NoBodies, as Run loads) gets from texts, for every
// translation, the Body a load with the text has.
func TestTextsOfASiteLoadedWithout(t *testing.T) {
	fsys := os.DirFS("../..") // the example site
	opt := content.Options{Today: content.DateOf(gensite.DefaultNow)}
	full, diags := content.Load(fsys, opt)
	if full == nil {
		t.Fatal(diags)
	}
	opt.NoBodies = true
	bare, diags := content.Load(fsys, opt)
	if bare == nil {
		t.Fatal(diags)
	}
	if len(bare.Postings) != len(full.Postings) || len(full.Postings) == 0 {
		t.Fatalf("%d postings loaded without text, %d with", len(bare.Postings), len(full.Postings))
	}
	tx := &texts{fsys: fsys}
	for i, p := range bare.Postings {
		for lang, tr := range p.Translations {
			want := full.Postings[i].Translations[lang]
			if tr.Body != nil {
				t.Errorf("%s: loaded with its text", tr.File)
			}
			if tr.BodyLen != len(want.Body) || want.BodyLen != len(want.Body) {
				t.Errorf("%s: BodyLen %d and %d, want %d", tr.File, tr.BodyLen, want.BodyLen, len(want.Body))
			}
			got, err := tx.text(tr)
			if err != nil || string(got) != string(want.Body) {
				t.Errorf("%s: text = %q, %v; want %q", tr.File, got, err, want.Body)
			}
		}
	}
}
