package sts

import "github.com/iamsim/iamsim/evaluate"

// prepareForTest prepares a request as Decide would, to read its context.
func (s *Service) prepareForTest(sess *Session) (*evaluate.Prepared, error) {
	_, req, err := s.request(sess, Request{Action: "s3:GetObject", Resource: "*"}, nil)
	if err != nil {
		return nil, err
	}
	return req.Prepare()
}
