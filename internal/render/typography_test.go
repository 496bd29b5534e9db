package render

import (
	"html/template"
	"testing"
)

// TestFrenchTypography: on French pages, the ordinary space before : ; ! ?
// and inside « » of the text becomes a narrow no-break space, so that a
// colon never starts a line alone; tags and code are left as written, and
// other languages as they are (issue 20).
func TestFrenchTypography(t *testing.T) {
	for _, tt := range []struct{ lang, in, want string }{
		{"fr", "<p>Les missions étaient de :</p>", "<p>Les missions étaient de" + nnbsp + ":</p>"},
		{"fr", "<li>Outlook ; Word ! Excel ?</li>", "<li>Outlook" + nnbsp + "; Word" + nnbsp + "! Excel" + nnbsp + "?</li>"},
		{"fr", "avec pour objet « <strong>candidature</strong> ».", "avec pour objet «" + nnbsp + "<strong>candidature</strong>" + nnbsp + "»."},
		{"fr", `<a href="https://example.org/?a=1" title="x ?">voir ici ?</a>`, `<a href="https://example.org/?a=1" title="x ?">voir ici` + nnbsp + "?</a>"},
		{"fr", "<p>code <code>a ? b : c</code> ici :</p>", "<p>code <code>a ? b : c</code> ici" + nnbsp + ":</p>"},
		{"fr", "<pre><code>x : y\n</code></pre><p>fin !</p>", "<pre><code>x : y\n</code></pre><p>fin" + nnbsp + "!</p>"},
		{"fr", "<p>déjà" + nnbsp + ": fait</p>", "<p>déjà" + nnbsp + ": fait</p>"},
		{"fr-BE", "<p>de :</p>", "<p>de" + nnbsp + ":</p>"},
		{"fr-CA", "<p>de : oui ?</p>", "<p>de : oui ?</p>"},
		{"en", "<p>Note : this ?</p>", "<p>Note : this ?</p>"},
	} {
		if got := string(frenchHTML(tt.lang, template.HTML(tt.in))); got != tt.want {
			t.Errorf("frenchHTML(%s, %q) = %q, want %q", tt.lang, tt.in, got, tt.want)
		}
	}
	if got, want := frenchText("fr", "Calais : aller vers"), "Calais"+nnbsp+": aller vers"; got != want {
		t.Errorf("frenchText = %q, want %q", got, want)
	}
	if got := frenchText("en", "Calais : x"); got != "Calais : x" {
		t.Errorf("frenchText in English = %q, want it unchanged", got)
	}
}
