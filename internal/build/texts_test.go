package build

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/jobboard/jobboard/internal/content"
	"github.com/jobboard/jobboard/internal/site"
)

// TestTextsGiveBackWhatWasLetGo: drop lets go of every posting's body,
// text reads it back from its file, exactly, and refuses a file that
// changed since the load rather than render another text.
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
		trs[lang] = &content.Translation{Lang: lang, File: name, Body: []byte(body), Hash: content.FileHash([]byte(data))}
	}
	want := map[string]string{"fr": string(trs["fr"].Body), "en": string(trs["en"].Body)}
	s := &site.Site{Postings: []*site.Posting{{Posting: &content.Posting{Slug: "x", Translations: trs}}}}

	tx := &texts{fsys: fsys}
	tx.drop(s)
	for lang, tr := range trs {
		if tr.Body != nil {
			t.Fatalf("%s: the body was kept", lang)
		}
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
