package main

import "os"

// jane's assertion, addressed to AWS, gets her a session of the Engineers role; an assertion meant for another service does not.
func Example() {
	set, err := design().Build()
	if err != nil {
		panic(err)
	}
	if err := tell(os.Stdout, set); err != nil {
		panic(err)
	}
	// Output:
	// jane signs in to AWS: arn:aws:sts::111111111111:assumed-role/Engineers/jane@example.com, expires 2026-12-07T13:00:00Z
	// her session lists the photos:
	//     Allow: arn:aws:sts::111111111111:assumed-role/Engineers/jane@example.com to perform s3:ListBucket on arn:aws:s3:::photos is allowed by statement 0 of the identity-based policy (list-photos:4:5).
	// an assertion meant for another service: refused: sts: AccessDenied: Not authorized to perform sts:AssumeRoleWithSAML
}
