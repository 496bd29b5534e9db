package msg

import "testing"

// TestTextSame: Same says two texts are the same when they print the same
// in every language because they have the same format and arguments, and
// never panics on arguments that cannot be compared.
func TestTextSame(t *testing.T) {
	type holder struct{ v any }
	type date struct{ y, m, d int }
	hint := New("write %s", "2025-09-01")
	for _, c := range []struct {
		name string
		a, b Text
		same bool
	}{
		{"same", New("%s: %d", "a", 1), New("%s: %d", "a", 1), true},
		{"no arguments", New("plain"), New("plain"), true},
		{"another format", New("%s!", "a"), New("%s?", "a"), false},
		{"another argument", New("%d", 1), New("%d", 2), false},
		{"another type", New("%v", 1), New("%v", int64(1)), false},
		{"more arguments", New("%v", 1), New("%v", 1, 2), false},
		{"texts inside", New("%s; %s", "x", hint), New("%s; %s", "x", New("write %s", "2025-09-01")), true},
		{"other texts inside", New("%s", hint), New("%s", New("write %s", "2025-09-02")), false},
		{"a slice", New("%v", []string{"a"}), New("%v", []string{"a"}), false},
		{"a slice in a struct", New("%v", holder{[]int{1}}), New("%v", holder{[]int{1}}), false},
		{"nil", New("%v", nil), New("%v", nil), true},
		{"a date", New("%v", date{2025, 9, 1}), New("%v", date{2025, 9, 1}), true},
		{"another date", New("%v", date{2025, 9, 1}), New("%v", date{2025, 9, 2}), false},
		{"a pointer", New("%v", &hint), New("%v", &hint), false},
	} {
		if got := c.a.Same(c.b); got != c.same {
			t.Errorf("%s: Same = %v, want %v", c.name, got, c.same)
		}
		if c.same && c.a.In(French) != c.b.In(French) {
			t.Errorf("%s: the same, but printed %q and %q", c.name, c.a.In(French), c.b.In(French))
		}
	}
}
