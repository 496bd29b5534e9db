package content

import (
	"errors"
	"slices"
	"testing"

	"github.com/jobboard/jobboard/internal/msg"
)

// TestParseYAMLAll: what parseYAMLAll reports, by line, and the error it
// gives back, for front matters starting at line 2.
func TestParseYAMLAll(t *testing.T) {
	for _, tt := range []struct {
		name, data string
		lines      []int // reported
		errLine    int   // of the error given back: 0 none, -1 errReported
	}{
		{"a colon in a value, and tabs", "title: Poste : médiateur\nsalary:\n\tmin: 24000\n\tmax: 26000\n", []int{2, 4, 5}, 0},
		{"a value on two lines", "summary: Objet : accompagner\n  les personnes exilées.\ncontract: CDD\n", []int{2}, 0},
		{"two values", "title: a : b\nsummary: c : d\n", []int{2, 3}, 0},
		{"quoting does not mend it: reported once", "summary: {a: 1,\n  b: 2 : 3}\n", []int{3}, -1},
		{"an error on a line that reads alone", "summary: \"open\ncity: Calais\n", nil, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var lines []int
			fm, err := parseYAMLAll([]byte(tt.data), 2, func(line int, _ msg.Text) { lines = append(lines, line) })
			if !slices.Equal(lines, tt.lines) {
				t.Errorf("reported at lines %v, want %v", lines, tt.lines)
			}
			var pe *positionedError
			switch {
			case tt.errLine == 0 && (err != nil || fm == nil):
				t.Errorf("err = %v, want a front matter", err)
			case tt.errLine == -1 && !errors.Is(err, errReported):
				t.Errorf("err = %v, want errReported", err)
			case tt.errLine > 0 && (!errors.As(err, &pe) || pe.line != tt.errLine):
				t.Errorf("err = %v, want one at line %d", err, tt.errLine)
			}
		})
	}
	// The value on two lines is read whole.
	fm, _ := parseYAMLAll([]byte("summary: Objet : accompagner\n  les personnes exilées.\n"), 2, func(int, msg.Text) {})
	if f := fm.get("summary"); f == nil || f.val.value != "Objet : accompagner les personnes exilées." {
		t.Errorf("summary read as %+v", f)
	}
}
