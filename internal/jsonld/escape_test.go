package jsonld

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// hasOddControl agrees with isOddControl on every rune, alone and with text
// either side.
func TestHasOddControl(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := "a" + string(r) + "é"
		want := strings.IndexFunc(s, isOddControl) >= 0
		if got := hasOddControl(s); got != want {
			t.Fatalf("hasOddControl(%q) = %v, want %v", s, got, want)
		}
	}
}

// escapeScriptByByte is escapeScript as it was written first, one byte
// after the other: the reference escapeScript must agree with.
func escapeScriptByByte(data []byte) []byte {
	out := make([]byte, 0, len(data))
	for i, c := range data {
		switch {
		case c == '/' && i > 0 && data[i-1] == '<':
			out = append(out, '\\', '/')
		case c == '<' && i+1 < len(data) && data[i+1] != '/' && breaksScript(data[i+1]):
			out = append(out, `\u003c`...)
		default:
			out = append(out, c)
		}
	}
	return out
}

func FuzzEscapeScript(f *testing.F) {
	for _, s := range []string{"", "<", "</", "<<//", "<p>x</p>", "<!-- <script> </SCRIPT", "a<", "<s<S<!</<x", hostile} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		want := escapeScriptByByte(data)
		if got := escapeScript(bytes.Clone(data)); !bytes.Equal(got, want) {
			t.Errorf("escapeScript(%q) = %q, want %q", data, got, want)
		}
	})
}

// BenchmarkJobPosting is the JSON-LD of one posting page of about 5 KB of
// text, as cmd/gensite writes them: Build (Simplify) and Marshal.
//
//	go test ./internal/jsonld -run '^$' -bench JobPosting
func BenchmarkJobPosting(b *testing.B) {
	site, p := testSite(b), testPosting(b)
	in := testInput(b, site, p, "fr")
	in.Description = strings.Repeat(testDescriptionFR, 5000/len(testDescriptionFR)+1)
	b.SetBytes(int64(len(in.Description)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Marshal(Build(in)); err != nil {
			b.Fatal(err)
		}
	}
}
