package iamtest

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/iamsim/iamsim/evaluate"
)

// Cell is one request of an access matrix.
type Cell struct {
	Principal, Action, Resource string
}

func (c Cell) String() string { return c.Principal + " " + c.Action + " " + c.Resource }

// Matrix is an access matrix: every principal × action × resource, and the
// decision each cell wants. Want names cells; Else is what every other
// cell wants. With Else zero every cell must be in Want: a cell that says
// nothing of what it wants is an error, as a Case's is.
type Matrix struct {
	Principals []string
	Actions    []string
	Resources  []string
	// ResourceAccount and Context go with every request.
	ResourceAccount string
	Context         map[string][]string
	Want            map[Cell]Want
	Else            Want
}

// Cells lists the matrix's cells, principals outermost, then actions.
func (m Matrix) Cells() []Cell {
	var out []Cell
	for _, p := range m.Principals {
		for _, a := range m.Actions {
			for _, r := range m.Resources {
				out = append(out, Cell{p, a, r})
			}
		}
	}
	return out
}

// CheckMatrix decides every cell of the matrix against the target in one
// call, and fails t once with a go-cmp diff of the cells whose decision
// differs from the one they want (-want +got), followed by each such
// cell's explanation with its near misses. Every malformed cell is
// reported (a cell Want names that is not in the matrix, a cell that wants
// nothing, a request the target refuses).
func CheckMatrix(t testing.TB, target Target, m Matrix, opts ...Option) {
	t.Helper()
	cells := m.Cells()
	if len(cells) == 0 {
		t.Fatalf("iamtest: the matrix has no cells: give Principals, Actions and Resources")
	}
	var problems []string
	inMatrix := map[Cell]bool{}
	for _, c := range cells {
		inMatrix[c] = true
	}
	for c := range m.Want {
		if !inMatrix[c] {
			problems = append(problems, fmt.Sprintf("Want names %s, which is not a cell of the matrix", c))
		}
	}
	cases := make([]Case, len(cells))
	for i, c := range cells {
		want, ok := m.Want[c]
		if !ok {
			want = m.Else
		}
		cases[i] = Case{Name: c.String(), Want: want, Request: evaluate.Request{Principal: c.Principal, Action: c.Action,
			Resource: c.Resource, ResourceAccount: m.ResourceAccount, Context: m.Context}}
	}
	if err := target.prepareCases(cases, newOptions(opts)); err != nil {
		t.Fatalf("iamtest: %v", err)
	}
	wantGrid, gotGrid := map[string]string{}, map[string]string{}
	var why []string
	for _, c := range cases {
		res, text, err := decideCase(target, c)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", c.Name, err))
			continue
		}
		wantGrid[c.Name] = c.Want.String()
		if c.Want.Matches(res.Decision) {
			gotGrid[c.Name] = c.Want.String()
			continue
		}
		gotGrid[c.Name] = res.Decision.String()
		why = append(why, fmt.Sprintf("%s: want %v, got %v\n    %s", c.Name, c.Want, res.Decision,
			strings.ReplaceAll(indentWhy(explanation(res, text)), "\n", "\n    ")))
	}
	sort.Strings(problems)
	for _, p := range problems {
		t.Errorf("iamtest: malformed matrix cell: %s", p)
	}
	if diff := cmp.Diff(wantGrid, gotGrid); diff != "" {
		t.Errorf("access matrix: %d of %d cells differ (-want +got):\n%s\n%s", len(why), len(cases), diff, strings.Join(why, "\n"))
	}
}
