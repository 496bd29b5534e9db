package content

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/jobboard/jobboard/internal/gensite"
)

// frontMatters are the front matters of the example site's files and of
// a generated site's, without their "---" lines.
func frontMatters(t testing.TB) map[string]string {
	t.Helper()
	dir := t.TempDir()
	if _, err := gensite.Write(dir, gensite.Options{N: 30, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, pattern := range []string{"../../content/*.yaml", "../../content/*/*.md", dir + "/content/*.yaml", dir + "/content/*/*.md"} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	out := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		if strings.HasSuffix(f, ".md") {
			parts := strings.SplitN(text, "---\n", 3)
			if len(parts) != 3 {
				t.Fatalf("%s: no front matter", f)
			}
			text = parts[1]
		}
		out[f] = text
	}
	if len(out) < 60 {
		t.Fatalf("only %d files", len(out))
	}
	return out
}

// TestQuickYAMLTakes: the front matters people write (the example site's,
// with its comments and lists) and the generated ones take the quick
// way, and give what yaml.v3 gives.
func TestQuickYAMLTakes(t *testing.T) {
	for f, text := range frontMatters(t) {
		quick, ok := quickYAML([]byte(text), 2)
		if !ok {
			t.Errorf("%s: not parsed the quick way", f)
			continue
		}
		slow, err := parseYAMLv3([]byte(text), 2)
		if err != nil || !reflect.DeepEqual(quick, slow) {
			t.Errorf("%s: quick parse differs from yaml.v3's (%v)", f, err)
		}
	}
}

// TestQuickYAMLLeaves: what the quick parser does not know is left to
// yaml.v3, which gives the value or the mistake with its own rules.
func TestQuickYAMLLeaves(t *testing.T) {
	for _, text := range []string{
		"a: &x 1\nb: *x\n",
		"a: |\n  text\n",
		"a: >\n  text\n",
		"a: \"esc\\\"aped\"\n",
		"a: 'it''s'\n",
		"a: two\n  lines\n",
		"a:\n",
		"a: 1\na: 2\n",
		"a: [1, 2\n",
		"a: {b: 1\n",
		"a:\n- 1\n",
		"a:\n  - b: 1\n",
		"? a\n: b\n",
		"a: !!str 1\n",
		"a:\tb\n",
		"a: b\r\n",
		"<<: {b: 1}\n",
		"a: \"x\" y\n",
		"  a: 1\n",
		"a: b: c\n",
		"%YAML 1.2\n---\na: 1\n",
	} {
		if n, ok := quickYAML([]byte(text), 1); ok {
			t.Errorf("%q: parsed the quick way: %+v", text, n)
		}
	}
}

// FuzzQuickYAML: whatever the quick parser takes, it parses as yaml.v3
// does, lines and tags included.
func FuzzQuickYAML(f *testing.F) {
	for _, text := range frontMatters(f) {
		f.Add(text)
	}
	for _, s := range []string{
		"a: 1\nb: [x, 'y', \"z\"]\nc: {d: 2025-05-21, e: no}\n",
		"a:\n  b:\n    c: 0x1F\n  d: [ ]\n# comment\ne: ~ # null\n",
		"a:\n  - x\n  - [1, {b: c}]\n",
		"a: C# and F#\nb: \"#not a comment\"\nc: 'x' # a comment\n",
		"a: 1.5e3\nb: .inf\nc: +12\nd: 1_000\ne: 0o17\nf: True\ng: Null\n",
		"a: -5\nb: -x\nc: ?x\nd: :x\ne: l'antenne\nf: [l'a]\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		quick, ok := quickYAML([]byte(text), 3)
		if !ok {
			return
		}
		slow, err := parseYAMLv3([]byte(text), 3)
		if err != nil {
			t.Fatalf("%q: the quick parser takes what yaml.v3 refuses: %v", text, err)
		}
		if !reflect.DeepEqual(quick, slow) {
			t.Fatalf("%q: quick parse\n%s\nyaml.v3\n%s", text, dumpNode(quick), dumpNode(slow))
		}
	})
}

func dumpNode(n *node) string {
	if n == nil {
		return "nil"
	}
	var b strings.Builder
	var walk func(n *node, depth int)
	walk = func(n *node, depth int) {
		pad := strings.Repeat("  ", depth)
		switch n.kind {
		case scalarNode:
			b.WriteString(pad + "scalar " + n.tag + " " + n.value + " line " + strconv.Itoa(n.line) + "\n")
		case listNode:
			b.WriteString(pad + "list line " + strconv.Itoa(n.line) + "\n")
			for _, it := range n.items {
				walk(it, depth+1)
			}
		case mapNode:
			b.WriteString(pad + "map line " + strconv.Itoa(n.line) + "\n")
			for _, k := range n.keys {
				b.WriteString(pad + " " + k.name + " line " + strconv.Itoa(k.line) + ":\n")
				walk(k.val, depth+1)
			}
		}
	}
	walk(n, 0)
	return b.String()
}

// BenchmarkFrontMatterYAML parses the front matters of a generated site
// and of the example site, the quick way and by yaml.v3.
func BenchmarkFrontMatterYAML(b *testing.B) {
	var texts [][]byte
	for _, text := range frontMatters(b) {
		texts = append(texts, []byte(text))
	}
	for _, c := range []struct {
		name  string
		parse func([]byte, int) (*node, error)
	}{
		{"quick", func(data []byte, line int) (*node, error) {
			n, ok := quickYAML(data, line)
			if !ok {
				b.Fatal("not parsed the quick way")
			}
			return n, nil
		}},
		{"yaml.v3", parseYAMLv3},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, data := range texts {
					if _, err := c.parse(data, 2); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(texts)), "ns/file")
		})
	}
}
