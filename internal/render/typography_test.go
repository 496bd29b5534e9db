package render

import (
	"html/template"
	"regexp"
	"strings"
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

// TestAddressHTML: an address in the apply block may wrap after its @ and
// its dots, never beside a hyphen, and its text is the address (issue 20).
func TestAddressHTML(t *testing.T) {
	for _, tt := range []struct{ local, domain, want string }{
		{"mhugeux", "ecpat-france.org", `mhugeux@<wbr>ecpa<span class="nw">t-f</span>rance.<wbr>org`},
		{"responsable-calais", "ecpat-france.org", `responsabl<span class="nw">e-c</span>alais@<wbr>ecpa<span class="nw">t-f</span>rance.<wbr>org`},
		{"a--b", "x.example.org", `<span class="nw">a--</span>b@<wbr>x.<wbr>example.<wbr>org`},
		{"é-è", "exemple.fr", `<span class="nw">é-è</span>@<wbr>exemple.<wbr>fr`},
		{"o'hara-<x>", "ex.org", `o&#39;har<span class="nw">a-&lt;</span>x&gt;@<wbr>ex.<wbr>org`},
	} {
		got := string(Address{tt.local, tt.domain}.HTML())
		if got != tt.want {
			t.Errorf("Address{%q, %q}.HTML() = %q, want %q", tt.local, tt.domain, got, tt.want)
		}
		if text := tagRE.ReplaceAllString(got, ""); text != template.HTMLEscapeString(tt.local+"@"+tt.domain) {
			t.Errorf("the text of %q is %q, not the address", got, text)
		}
	}
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// FuzzWriteFrench: writeFrench changes the spaces as the strings.Replacer
// of their rules does (leftmost first).
func FuzzWriteFrench(f *testing.F) {
	want := strings.NewReplacer(" :", nnbsp+":", " ;", nnbsp+";", " !", nnbsp+"!", " ?", nnbsp+"?", " »", nnbsp+"»", "« ", "«"+nnbsp)
	for _, s := range []string{"de : oui ; non ! si ?", "« x »", "«  »", "« :", " »", "a  :", "«", "é ? « à » ;", "\xc2 \xc2\xab \xbb", ":;!? "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b strings.Builder
		writeFrench(&b, s)
		if got, w := b.String(), want.Replace(s); got != w {
			t.Errorf("writeFrench(%q) = %q, want %q", s, got, w)
		}
	})
}
