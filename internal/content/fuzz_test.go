package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
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
			if d.File == "" || d.Line < 0 || d.Msg == "" {
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
