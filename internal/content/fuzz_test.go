package content

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/adrg/frontmatter"
)

// FuzzLoadPosting feeds arbitrary bytes as a posting's French file, beside
// a valid site.yaml, employer and English file. Load must not panic, must
// return a site or at least one error, and must place every diagnostic.
func FuzzLoadPosting(f *testing.F) {
	seeds, _ := filepath.Glob("../../content/postings/*.md")
	for _, name := range seeds {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{
		validPostingFR, tomlPosting, jsonPosting, validPostingEN,
		"+++\ntitle = \"x\"\n[salary]\nmin = 1\n+++\nbody\n",
		";;;\n{\"title\": \"x\", \"salary\": {\"min\": 1}}\n;;;\nbody\n",
		"---json\n{\"title\": [1, {\"a\": null}]}\n---\nbody\n",
		"---toml\ntitle = '''\nx\n'''\n---\nbody\n",
		"---\na: &a [*a]\n---\n",
		"---\na: &a {b: *a}\n---\n",
		"---\n<<: {title: x}\n---\nbody\n",
		"---\ntitle: \"x\n---\nbody\n",
		"\ufeff---\ntitle: x\n---\n",
		"---\r\ntitle: x\r\n---\r\nbody\r\n",
		"{\n}\n\n",
		"",
	} {
		f.Add([]byte(s))
	}
	base := testSite(nil)
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		fsys[postingFR] = &fstest.MapFile{Data: data}
		site, ds := Load(fsys, Options{})
		if site == nil && ds.Errors() == 0 {
			t.Fatalf("no site and no error: %v", strs(ds))
		}
		if site != nil && ds.Errors() > 0 {
			t.Fatalf("a site despite errors: %v", strs(ds))
		}
		for _, d := range ds {
			if d.File == "" || d.Line < 0 || d.Msg.String() == "" {
				t.Fatalf("misplaced diagnostic %+v", d)
			}
			if d.File == postingFR && d.Line > strings.Count(string(data), "\n")+1 {
				t.Fatalf("diagnostic beyond the end of the file: %v", d)
			}
		}
		if site != nil {
			for _, p := range site.Postings {
				if p.Facts.Salary == nil && p.Facts.Contract != Benevolat {
					t.Fatalf("accepted a paid posting without salary")
				}
				if len(p.Facts.Apply.To) == 0 {
					t.Fatalf("accepted a posting without address")
				}
			}
		}
	})
}

// FuzzFrontMatter checks that reading the front matter from the start of a
// file (frontMatter) gives what adrg/frontmatter gives when handed the
// whole file: the same format and fields, the same body, the same
// failure.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range frontMatterCases {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var got, want capture
		start, err := frontMatter(data, &got)
		rest, werr := frontmatter.MustParse(bytes.NewReader(data), &want, formats...)
		if (err != nil) != (werr != nil) || (err != nil && err.Error() != werr.Error()) {
			t.Fatalf("%q: error %v, adrg/frontmatter says %v", data, err, werr)
		}
		if err != nil {
			return
		}
		if got.format != want.format || !bytes.Equal(got.data, want.data) {
			t.Errorf("%q: front matter %s %q, adrg/frontmatter reads %s %q", data, got.format, got.data, want.format, want.data)
		}
		if !bytes.Equal(data[start:], rest) {
			t.Errorf("%q: body %q, adrg/frontmatter reads %q", data, data[start:], rest)
		}
	})
}

// frontMatterCases are files whose front matter ends in each way: closed
// and followed by a body, by nothing, by a line that reopens the search
// (JSON), never closed, or absent.
var frontMatterCases = []string{
	"---\ntitle: x\n---\nbody\n",
	"---\ntitle: x\n---\n",
	"---\ntitle: x\n---",
	"\n\n---\ntitle: x\n---\n\nbody\n---\nmore\n",
	"---yaml\ntitle: x\n---\nbody\n",
	"+++\ntitle = \"x\"\n+++\nbody\n",
	"---toml\ntitle = \"x\"\n---\nbody\n",
	";;;\n{\"title\": \"x\"}\n;;;\nbody\n",
	"{\n\"title\": \"x\"\n}\n\nbody\n",
	"{\n\"a\": {\n}\n\"b\": 1\n}\n\nbody\n",
	"{\n\"title\": \"x\"\n}\nbody\n",
	"---\r\ntitle: x\r\n---\r\nbody\r\n",
	"  ---  \ntitle: x\n  ---\nbody\n",
	"---\ntitle: x\n+++\n---\nbody\n",
	"---\ntitle: x\nbody\n",
	"title: x\n---\nbody\n",
	"---\n---\n",
	"",
}

// FuzzCleanText holds badText's quick path to its byte-by-byte scan.
func FuzzCleanText(f *testing.F) {
	for _, s := range []string{"", "plain\ttext\r\n", "a\x01b", "\x7f", "é « » … ’", "\u0085", "\u0080", "\u009f", "\u00a0",
		"\ufffe", "\uffff", "\ufffd", "\uf000", "\xc2", "\xef\xbf", "\xff", "line\n\xe2\x80"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		slow := func() bool {
			for i := 0; i < len(data); {
				r, size := utf8.DecodeRune(data[i:])
				switch {
				case r == utf8.RuneError && size == 1,
					r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0x7f,
					r >= 0x80 && r < 0xa0 && r != 0x85, r == 0xfffe, r == 0xffff:
					return false
				}
				i += size
			}
			return true
		}()
		if got := cleanText(data); got != slow {
			t.Fatalf("cleanText(%q) = %v, want %v", data, got, slow)
		}
		if line, _ := badText(data, 1); (line == 0) != slow {
			t.Fatalf("badText(%q) found line %d; clean: %v", data, line, slow)
		}
	})
}

// FuzzTOMLMeasure holds tomlMeasure, which measures a TOML text before it
// is decoded, to never refuse what the decoder accepts within the limits
// the converter counts exactly.
func FuzzTOMLMeasure(f *testing.F) {
	for _, s := range []string{
		tomlPosting, "a = 1.5\nb.c.d = [1, [2, {e = 3}]]\n[t.u]\nv = 1\n[[w]]\nx = 'y.z'\n",
		"a = \"\"\"\n[x.y]\n\"\"\"\n", "'a.b'.c = 1\n", "a = {b.c = {d = [1.1, 2.2]}}\n",
		"[a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t]\nu = 1\n", "a = " + strings.Repeat("[", 20) + strings.Repeat("]", 20) + "\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4096 {
			return
		}
		if err := tomlMeasure(data, 1); err != nil {
			if _, derr := decodeTOML(data, 1); derr == nil {
				t.Fatalf("%q: measured %v, yet decoded within the limits", data, err)
			}
		}
	})
}
