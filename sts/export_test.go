package sts

import "github.com/iamsim/iamsim/evaluate"

// prepareForTest prepares a request as Decide would, to read its context.
func (s *Service) prepareForTest(sess *Session) (*evaluate.Prepared, error) {
	_, p, err := s.prepare(sess, Request{Action: "s3:GetObject", Resource: "*"})
	return p, err
}
