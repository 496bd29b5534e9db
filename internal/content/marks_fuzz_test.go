package content

import (
	"bytes"
	"testing"
)

// FuzzMayHoldMarks holds the quick look of fieldMarks to its line by line
// search: a file it passes over has no line with a placeholder or an
// example.
func FuzzMayHoldMarks(f *testing.F) {
	for _, s := range []string{"min: 1\n", "  max: 1   # CHANGE ME\n", "min: 12\n", "url: https://www.example.org/\n",
		"city: \"À préciser\"\n", "title: x\nsalary:\n  min: 1\r\n", "a: 1.5\n", "a: 1,5\n", "x: 1"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if mayHoldMarks(data) {
			return
		}
		for _, line := range bytes.Split(data, []byte("\n")) {
			code := bytes.TrimSpace(line)
			for _, m := range placeholders {
				if bytes.Contains(code, []byte(m)) {
					t.Fatalf("%q holds %q, and mayHoldMarks says no", line, m)
				}
			}
			if ex := exampleIn(valueOf(code)); ex != "" {
				t.Fatalf("%q holds the example %q, and mayHoldMarks says no", line, ex)
			}
		}
	})
}
