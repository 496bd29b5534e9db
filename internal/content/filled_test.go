package content

import "testing"

// TestFilled: filled is a date, not before posted; a day after today is
// a warning (the posting stays open until then); a posting filled needs
// no closing date.
func TestFilled(t *testing.T) {
	today := Date{Year: 2025, Month: 5, Day: 10}
	runLoadCases(t, []loadCase{
		{name: "filled", opt: Options{Today: today},
			files: map[string]string{postingFR: fr("expires: 2025-06-30", "filled: 2025-05-02")}},
		{name: "filled before posted", opt: Options{Today: today},
			files: map[string]string{postingFR: fr("expires: 2025-06-30", "filled: 2025-04-01")},
			want:  []string{at(lExpires, "filled: 2025-04-01 is before posted 2025-04-22; write the day the job was filled")}},
		{name: "filled later than today", opt: Options{Today: today},
			files: map[string]string{postingFR: fr("expires: 2025-06-30", "filled: 2025-05-20")},
			want:  []string{at(lExpires, "warning: filled: 2025-05-20 is in the future: the posting stays open until then; write the day the job was filled, once it is")}},
		{name: "filled, not a date", opt: Options{Today: today},
			files: map[string]string{postingFR: fr("expires: 2025-06-30", "filled: yes")},
			want:  []string{at(lExpires, `filled: "yes" is not a date; write it as YYYY-MM-DD, like 2025-05-21`)}},
	})
	p := &Posting{Facts: Facts{Posted: Date{2025, 4, 22}, Filled: Date{2025, 5, 2}, Expires: Date{2025, 6, 30}}}
	for day, want := range map[Date]bool{{2025, 5, 1}: false, {2025, 5, 2}: true, {2025, 5, 3}: true} {
		if got := p.Expired(day); got != want {
			t.Errorf("filled 2025-05-02: Expired(%v) = %v, want %v", day, got, want)
		}
	}
	if got := p.Facts.ClosingDay(); got != p.Facts.Filled {
		t.Errorf("ClosingDay = %v, want the day filled", got)
	}
}
