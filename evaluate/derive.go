package evaluate

import "math/bits"

// The context keys AWS derives from the principal and the resource (IAM
// User Guide, "AWS global condition context keys"; "IAM policy elements:
// Variables and tags" > "Principal key values"). A Prepared materializes
// those its PolicySet reads (all of them for Request.Prepare); any other
// is derived when a condition asks, so that a request never builds a
// string that no policy reads, and never misses a key a policy does read.

// derivedKey numbers the derived keys; keyMask is a set of them.
type derivedKey uint8

type keyMask uint16

const (
	dPrincipalArn derivedKey = iota
	dPrincipalType
	dUsername
	dUserID
	dPrincipalAccount
	dPrincipalIsAWSService
	dPrincipalServiceName
	dPrincipalServiceNamesList
	dResourceAccount
	numDerived
)

// allDerived is every derived key.
const allDerived keyMask = 1<<numDerived - 1

// derivedNames are the derived keys' folded names, by derivedKey.
var derivedNames = [numDerived]string{
	"aws:principalarn", "aws:principaltype", "aws:username", "aws:userid",
	"aws:principalaccount", "aws:principalisawsservice", "aws:principalservicename",
	"aws:principalservicenameslist", "aws:resourceaccount",
}

// derivedIndex returns the derivedKey of a folded key, or false.
func derivedIndex(key string) (derivedKey, bool) {
	if len(key) < len("aws:userid") || key[:4] != "aws:" {
		return 0, false
	}
	for i, n := range derivedNames {
		if n == key {
			return derivedKey(i), true
		}
	}
	return 0, false
}

// principalTypeNames are the aws:PrincipalType values, by principalKind.
var principalTypeNames = [...]string{
	callerUser: "User", callerRoleSession: "AssumedRole", callerFederatedUser: "FederatedUser",
	callerRoot: "Account", callerAnonymous: "Anonymous",
}

// derivedText returns the text AWS gives key k for the request, and false
// when the key is absent. It builds a string only for a role session's
// role ARN and a federated user's aws:userid. With a Caller, the Caller
// set the principal's keys (or left them absent): only aws:ResourceAccount
// is derived.
func (p *Prepared) derivedText(k derivedKey) (string, bool) {
	if k == dResourceAccount {
		return p.resAccount, p.resAccount != ""
	}
	if p.req.Caller != nil {
		return "", false
	}
	identity := p.kind == callerUser || p.kind == callerRoleSession || p.kind == callerFederatedUser || p.kind == callerRoot
	switch k {
	case dPrincipalArn:
		switch p.kind {
		case callerUser, callerFederatedUser, callerRoot:
			return p.req.Principal, true
		case callerRoleSession:
			return p.roleARN(), true
		}
	case dPrincipalType:
		if int(p.kind) < len(principalTypeNames) && principalTypeNames[p.kind] != "" {
			return principalTypeNames[p.kind], true
		}
	case dUsername:
		return p.name, p.kind == callerUser
	case dUserID:
		switch p.kind {
		case callerFederatedUser:
			return p.account + ":" + p.name, true
		case callerRoot:
			return p.account, true
		case callerAnonymous:
			return "anonymous", true
		}
	case dPrincipalAccount:
		// "aws:PrincipalAccount ... anonymous" for an unsigned request.
		if p.kind == callerAnonymous {
			return "anonymous", true
		}
		return p.account, identity
	case dPrincipalIsAWSService:
		switch {
		case p.kind == callerService:
			return "true", true
		case identity:
			return "false", true
		}
	case dPrincipalServiceName, dPrincipalServiceNamesList:
		return p.req.Principal, p.kind == callerService
	}
	return "", false
}

// roleARN returns a role session's role ARN: the one the request gave
// (aws:PrincipalArn, a Caller, a role Principal), else the role's ARN
// without its path, which a session ARN does not record.
func (p *Prepared) roleARN() string {
	if p.role != "" {
		return p.role
	}
	return "arn:" + p.partition + ":iam::" + p.account + ":role/" + p.name
}

// derive materializes the derived keys of mask the request does not give.
// The lists are read-only, so keys of one text share one (the principal's
// and the resource's account are often one), and a fixed text's list is
// shared by every request.
func (p *Prepared) derive(mask keyMask) {
	p.derived |= mask
	if mask &^= p.given; mask == 0 { // given, they are not derived
		return
	}
	first := p.ctx.n // the keys derived here are those from first on
	for m := mask; m != 0; m &= m - 1 {
		k := derivedKey(bits.TrailingZeros16(uint16(m)))
		key := derivedNames[k]
		if _, given := p.ctx.lookup(key); given {
			continue
		}
		text, ok := p.derivedText(k)
		if !ok {
			continue
		}
		var made [][]value
		if p.ctx.m == nil {
			made = p.ctx.vals[first:p.ctx.n]
		}
		p.ctx.add(key, p.derivedList(text, made))
	}
}

// derivedList returns text read as a list of one value: a fixed text's
// shared list, a list made before for the same text (among made), or a
// new one.
func (p *Prepared) derivedList(text string, made [][]value) []value {
	if l := constList(text); l != nil {
		return l
	}
	for _, l := range made {
		if len(l) == 1 && l[0].s == text {
			return l
		}
	}
	l := p.ctx.list(1)
	l[0] = readValue(text, p.forms)
	return l
}

// constTexts are the fixed texts Prepare derives, and constLists them
// read once in every form, shared (read-only) by every request: reading
// "false" as base64 alone costs two failed decodings.
var (
	constTexts = [...]string{"User", "AssumedRole", "FederatedUser", "Account", "Anonymous", "anonymous", "true", "false"}
	constLists = func() (l [len(constTexts)][]value) {
		for i, s := range constTexts {
			l[i] = []value{readValue(s, allForms)}
		}
		return l
	}()
)

// constList returns a fixed text's shared list, nil for another text. A
// switch on the text, not a map: an ARN or an id is told apart by its
// length alone, without hashing it.
func constList(text string) []value {
	i := -1
	switch text {
	case "User":
		i = 0
	case "AssumedRole":
		i = 1
	case "FederatedUser":
		i = 2
	case "Account":
		i = 3
	case "Anonymous":
		i = 4
	case "anonymous":
		i = 5
	case "true":
		i = 6
	case "false":
		i = 7
	default:
		return nil
	}
	return constLists[i]
}

// context returns the values of a context key (in lower case), nil when
// the request has none. A derived key the Prepared did not materialize
// (its PolicySet does not read it) is derived now: correct for any set,
// at the cost of an allocation that Decide otherwise never makes.
func (p *Prepared) context(key string) []value {
	if v, ok := p.ctx.lookup(key); ok {
		return v
	}
	return p.underived(key)
}

// underived is context for a key the store does not hold: a derived key
// not materialized, derived now, or nil. (Split from context so that a
// condition looks the key up inline and calls only on a miss.)
func (p *Prepared) underived(key string) []value {
	if p.derived != allDerived {
		if k, ok := derivedIndex(key); ok && p.derived&(1<<k) == 0 {
			if text, ok := p.derivedText(k); ok {
				return []value{readValue(text, allForms)}
			}
		}
	}
	return nil
}

// derivedNotMaterialized returns the derived keys the request has that
// the Prepared did not materialize.
func (p *Prepared) derivedNotMaterialized() []string {
	var keys []string
	for k := range numDerived {
		if p.derived&(1<<k) != 0 {
			continue
		}
		if _, given := p.ctx.lookup(derivedNames[k]); given {
			continue
		}
		if _, ok := p.derivedText(k); ok {
			keys = append(keys, derivedNames[k])
		}
	}
	return keys
}
