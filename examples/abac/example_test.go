package main

import "os"

// alice may tag her session only with her own team, and the session then reaches that team's folder only.
func Example() {
	set, err := design().Build()
	if err != nil {
		panic(err)
	}
	if err := tell(os.Stdout, set); err != nil {
		panic(err)
	}
	// Output:
	// alice (team blue) asks for a session tagged team=red: refused: sts: AccessDenied: User: arn:aws:iam::111111111111:user/alice is not authorized to perform: sts:TagSession on resource: arn:aws:iam::111111111111:role/Engineer
	// alice asks for a session tagged team=blue: arn:aws:sts::111111111111:assumed-role/Engineer/alice, expires 2026-12-07T13:00:00Z
	// the session uploads to the blue team's folder:
	//     Allow: arn:aws:sts::111111111111:assumed-role/Engineer/alice to perform s3:PutObject on arn:aws:s3:::photos/blue/cat.jpg is allowed by statement 0 of the identity-based policy (team-photos:4:5).
	// the session uploads to the red team's folder:
	//     ImplicitDeny: arn:aws:sts::111111111111:assumed-role/Engineer/alice to perform s3:PutObject on arn:aws:s3:::photos/red/cat.jpg is not authorized because no identity-based policy allows the s3:PutObject action.
}
