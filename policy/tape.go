package policy

import "github.com/iamsim/iamsim/internal/jsontext"

// entryCounts are the sizes of the parser's arenas.
type entryCounts struct {
	actions     int // Action and NotAction entries
	actionBytes int // and the length of their text
	resources   int // Resource and NotResource entries
	clauses     int // condition keys
	operands    int // condition values
}

// countEntries counts the entries of the statements among the nodes
// [first, end) of t, for the parser to size its arenas: at least as many
// as it will keep (a repeated or invalid entry is counted, not kept).
func countEntries(t *jsontext.Tape, first, end int32) entryCounts {
	var n entryCounts
	for s := first; s < end; s = t.Next(s) {
		if t.KindAt(s) != jsontext.Object {
			continue
		}
		for m, mend := t.ChildrenAt(s); m < mend; m = t.Next(m) {
			switch t.KeyText(m) {
			case "Action", "NotAction":
				n.actions += entries(t, m)
				n.actionBytes += textLen(t, m)
			case "Resource", "NotResource":
				n.resources += entries(t, m)
			case "Condition":
				countConditions(t, m, &n)
			}
		}
	}
	return n
}

// countConditions adds the keys and values of the Condition node c to n.
func countConditions(t *jsontext.Tape, c int32, n *entryCounts) {
	if t.KindAt(c) != jsontext.Object {
		return
	}
	for block, bend := t.ChildrenAt(c); block < bend; block = t.Next(block) {
		if t.KindAt(block) != jsontext.Object {
			continue
		}
		for m, mend := t.ChildrenAt(block); m < mend; m = t.Next(m) {
			n.clauses++
			n.operands += entries(t, m)
		}
	}
}

// textLen returns the length of the strings of node i, a string or a list.
func textLen(t *jsontext.Tape, i int32) int {
	if t.KindAt(i) != jsontext.Array {
		return len(t.TextAt(i))
	}
	n := 0
	for j, end := t.ChildrenAt(i); j < end; j = t.Next(j) {
		n += len(t.TextAt(j))
	}
	return n
}

// entries returns the number of items of a list node, 1 for another.
func entries(t *jsontext.Tape, i int32) int {
	if t.KindAt(i) != jsontext.Array {
		return 1
	}
	n := 0
	for j, end := t.ChildrenAt(i); j < end; j = t.Next(j) {
		n++
	}
	return n
}

// reportChar reports a character outside the policy character set.
func (p *parser) reportChar(bad jsontext.CharDefect) {
	const set = "policy documents may hold only TAB, LF, CR and U+0020 to U+00FF"
	switch bad.Kind {
	case jsontext.BadEscape:
		p.errorf(bad.Off, "", CodeInvalidCharacter, "the escape %s stands for U+%04X: %s", bad.Text, bad.Rune, set)
	case jsontext.BadCtlEsc:
		p.errorf(bad.Off, "", CodeInvalidCharacter, "the escape %s stands for a control character: %s", bad.Text, set)
	case jsontext.BadUTF8:
		p.errorf(bad.Off, "", CodeInvalidCharacter, "the policy is not valid UTF-8 at this byte")
	default:
		p.errorf(bad.Off, "", CodeInvalidCharacter, "the character %q (U+%04X) is outside the policy character set: %s", bad.Rune, bad.Rune, set)
	}
}
