package policy

import ("testing"; "strings"; "time")

func TestScratch(t *testing.T) {
	acts := strings.Repeat(`"bad",`+"\n", 19999) + `"bad"`
	src := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":[` + acts + `],"Resource":"*"}}`
	st := time.Now()
	_, err := ParseString("x", src)
	t.Log(len(src), len(err.(ErrorList)), time.Since(st))
	acts = strings.Repeat(`"s3:Get*",`+"\n", 19999) + `"s3:GetObject"`
	src = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":[` + acts + `],"Resource":"*"}}`
	st = time.Now()
	p, err := ParseString("x", src)
	t.Log(err, time.Since(st))
	st = time.Now()
	f := p.Validate(Identity)
	t.Log(len(f), time.Since(st))
	stmt := `{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},` + "\n"
	src = `{"Version":"2012-10-17","Statement":[` + strings.Repeat(stmt, 5000) + stmt[:len(stmt)-2] + `]}`
	st = time.Now()
	p, err = ParseString("x", src)
	t.Log(len(src), err, time.Since(st))
	st = time.Now()
	f = p.Validate(Identity)
	t.Log(len(f), time.Since(st))
}
