package content

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSizeLimit checks that a content file larger than maxFileSize is
// refused, with its size and the limit, before it is read.
func TestSizeLimit(t *testing.T) {
	big := validPostingFR + strings.Repeat("x", maxFileSize-len(validPostingFR)) // 1 byte over
	runLoadCases(t, []loadCase{
		{name: "posting at the limit", files: map[string]string{postingFR: big[:maxFileSize]}},
		{name: "posting one byte over", files: map[string]string{postingFR: big + "y"},
			want: []string{postingFR + ": the file is 1,048,577 bytes (1.0 MB); a content file can hold at most 1,048,576 bytes (1 MB), hundreds of pages of text: check that this is the right file, or shorten it"}},
		{name: "site.yaml over the limit", files: map[string]string{siteFile: validSite + "# " + strings.Repeat("x", 2<<20) + "\n"},
			want: []string{siteFile + ": the file is 2,097,274 bytes (2.0 MB); a content file can hold at most 1,048,576 bytes (1 MB), hundreds of pages of text: check that this is the right file, or shorten it"}},
	})
}

// TestSizeLimitUnread checks that a file over the limit is refused by its
// size, before it is read: a sparse file of 1 GiB, through each way of
// reading a file.
func TestSizeLimitUnread(t *testing.T) {
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "huge.fr.md"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, fsys := range []fs.FS{DirFS(dir), os.DirFS(dir)} {
		data, _, _, err := readFileStat(fsys, "huge.fr.md")
		var tl *tooLargeError
		if !errors.As(err, &tl) || tl.size != 1<<30 || data != nil {
			t.Errorf("%T: read %d bytes, %v; want a tooLargeError of 1 GiB", fsys, len(data), err)
		}
	}
}

// nested writes a front matter of format whose deepest value is at depth
// (the front matter itself is at 0, a field's value at 1), nested in the
// way named.
func nested(way string, depth int) string {
	k := depth - 1
	switch way {
	case "yaml flow":
		return "---\na: " + strings.Repeat("[", k) + "1" + strings.Repeat("]", k) + "\n---\n"
	case "yaml block":
		var b strings.Builder
		b.WriteString("---\n")
		for i := range k {
			b.WriteString(strings.Repeat(" ", i) + "a:\n")
		}
		b.WriteString(strings.Repeat(" ", k) + "a: 1\n---\n")
		return b.String()
	case "json":
		return ";;;\n{\"a\": " + strings.Repeat("[", k) + "1" + strings.Repeat("]", k) + "}\n;;;\n"
	case "toml arrays":
		return "+++\na = " + strings.Repeat("[", k) + "1" + strings.Repeat("]", k) + "\n+++\n"
	case "toml inline tables":
		return "+++\na = " + strings.Repeat("{a = ", k) + "1" + strings.Repeat("}", k) + "\n+++\n"
	case "toml dotted key":
		return "+++\n" + strings.Repeat("a.", k) + "a = 1\n+++\n"
	case "toml table header":
		return "+++\n[" + strings.Repeat("a.", k-1) + "a]\nb = 1\n+++\n"
	case "toml table header and inline table":
		return "+++\n[" + strings.Repeat("a.", k/2-1) + "a]\nb = " + strings.Repeat("{a = ", k-k/2) + "1" + strings.Repeat("}", k-k/2) + "\n+++\n"
	}
	panic(way)
}

// TestNestingLimit checks that a front matter of any format nested deeper
// than maxDepth is refused, with the same message, and one at maxDepth is
// read; for TOML, before the toml decoder reads it (10,000 nested tables
// took it 81 s and 4.3 GB).
func TestNestingLimit(t *testing.T) {
	const tooDeep = "this front matter is nested more than 20 levels deep (groups and lists inside one another); a posting's fields go 3 levels deep at most, like apply: {to: [address]}: remove the extra levels"
	for _, c := range []struct {
		way            string
		line, deepLine int // of the error at maxDepth+1, and much deeper
	}{
		{"yaml flow", 2, 2}, {"yaml block", maxDepth + 2, maxDepth + 3}, {"json", 2, 2},
		{"toml arrays", 2, 2}, {"toml inline tables", 2, 2}, {"toml dotted key", 2, 2},
		{"toml table header", 3, 2}, {"toml table header and inline table", 3, 2},
	} {
		t.Run(c.way, func(t *testing.T) {
			deep := 10_000
			if c.way == "yaml block" {
				deep = 1000 // 10,000 would be 50 MB of indentation
			}
			for _, depth := range []int{maxDepth, maxDepth + 1, deep} {
				var l list
				doc, ok := splitDocument(postingFR, []byte(nested(c.way, depth)+"Texte.\n"), &l)
				got := strs(l.ds)
				switch {
				case depth <= maxDepth && (!ok || len(got) > 0):
					t.Errorf("depth %d: refused: %s", depth, fmtList(got))
				case depth <= maxDepth && treeDepth(doc.fm) != depth:
					t.Errorf("depth %d: read as depth %d", depth, treeDepth(doc.fm))
				case depth > maxDepth:
					want := at(c.line, tooDeep)
					if depth > maxDepth+1 {
						want = at(c.deepLine, tooDeep)
					}
					if ok || len(got) != 1 || got[0] != want {
						t.Errorf("depth %d: got %s\nwant %s", depth, fmtList(got), want)
					}
				}
			}
		})
	}
}

func treeDepth(n *node) int {
	d := 0
	for _, k := range n.keys {
		d = max(d, 1+treeDepth(k.val))
	}
	for _, it := range n.items {
		d = max(d, 1+treeDepth(it))
	}
	return d
}

// TestValueLimit checks that a front matter of more than maxNodes values
// says so, with the limit, and speaks of aliases only when it has some.
func TestValueLimit(t *testing.T) {
	ones := strings.Repeat("1, ", maxNodes)
	const tooMany = "this front matter holds more than 100,000 values (fields and list items); a posting has a few dozen: shorten the list"
	bomb := "---\na: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n---\n"
	for _, c := range []struct{ name, text, want string }{
		{"yaml list", "---\na: [" + ones + "1]\n---\n", at(2, tooMany)},
		{"yaml aliases", bomb, at(6, "this front matter holds more than 100,000 values once its aliases (*name) are expanded; write the values out instead of repeating them with *name")},
		{"json list", ";;;\n{\"a\": [" + ones + "1]}\n;;;\n", at(2, tooMany)},
		{"toml list", "+++\na = [" + ones + "1]\n+++\n", at(2, tooMany)},
	} {
		t.Run(c.name, func(t *testing.T) {
			var l list
			_, ok := splitDocument(postingFR, []byte(c.text+"Texte.\n"), &l)
			if got := strs(l.ds); ok || len(got) != 1 || got[0] != c.want {
				t.Errorf("got %s\nwant %s", fmtList(got), c.want)
			}
		})
	}
}

// TestKeyGivenTwiceInMany checks that a key given twice is found among
// many keys (looked up in a map past 16) as among few.
func TestKeyGivenTwiceInMany(t *testing.T) {
	var yml, jsn strings.Builder
	yml.WriteString("---\n")
	jsn.WriteString(";;;\n{\n")
	for i := range 40 {
		fmt.Fprintf(&yml, "k%d: 1\n", i)
		fmt.Fprintf(&jsn, "\"k%d\": 1,\n", i)
	}
	yml.WriteString("k3: 2\n---\nTexte.\n")
	jsn.WriteString("\"k3\": 2\n}\n;;;\nTexte.\n")
	for _, c := range []struct {
		text string
		want string
	}{
		{yml.String(), at(42, "k3: given twice (first on line 5); keep one")},
		{jsn.String(), at(43, "k3: given twice (first on line 6); keep one")},
	} {
		var l list
		splitDocument(postingFR, []byte(c.text), &l)
		if got, want := strs(l.ds), c.want; len(got) != 1 || got[0] != want {
			t.Errorf("got %s\nwant %s", fmtList(got), want)
		}
	}
}
