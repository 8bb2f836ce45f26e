package evaluate

import "github.com/iamsim/iamsim/arn"

// The memos of a Prepared: what it read of the last principal ARN and the
// last action (and, in caller.go, the last Caller). PrepareTo resets a
// Prepared's facts for each request but keeps its memos, so that a
// service, whose requests repeat their callers and actions, does not read
// them again; through DecideRequest's pool each goroutine's Prepared meets
// them. A memo is keyed by the whole text it spares reading, answers as
// the code it spares (TestQuickPrincipal, TestFoldActionMemo,
// TestCallerMemo, and the harness, which prepares every generated case
// into one reused Prepared), and is written only by PrepareTo, which owns
// the Prepared meanwhile: Decide and Explain never read one.

// principalMemo is what quickPrincipal read of one principal ARN. (The
// Prepared stays within 1,272 bytes, the 1,280-byte size class with its
// allocation header: the next class is 1,408.)
type principalMemo struct {
	arn                      string // "" when there is none
	kind                     arn.Kind
	partition, account, name string
}

// actionMemo is the last action foldAction folded: as given ("" none),
// and folded.
type actionMemo struct{ action, folded string }

// foldAction returns the request's action folded to lower case, checked
// (actionCheck) unless it is one of the set's literal actions, which a
// request's action folds to only when it is a request's action
// (collectLits). The last action it folded into this Prepared is
// remembered: a service's requests repeat their actions, and an action
// folds alike for every set (the set decides only where the folded text
// comes from: its own literal, or a new string).
func (p *Prepared) foldAction(s *PolicySet, action string) (string, error) {
	if m := &p.amemo; m.action == action && action != "" {
		return m.folded, nil
	}
	folded, lit := s.litAction(action)
	if !lit {
		if err := actionCheck(action); err != nil {
			return "", err
		}
		folded = s.foldOther(action)
	}
	p.amemo = actionMemo{action, folded}
	return folded, nil
}

// quickPrincipal is quickPrincipal remembered: the last principal it read
// into this Prepared is not read again.
func (p *Prepared) quickPrincipal(s string) (kind arn.Kind, partition, account, name string, ok bool) {
	if m := &p.memo; m.arn == s && s != "" {
		return m.kind, m.partition, m.account, m.name, true
	}
	kind, partition, account, name, ok = quickPrincipal(s)
	if ok {
		p.memo = principalMemo{s, kind, partition, account, name}
	}
	return kind, partition, account, name, ok
}
