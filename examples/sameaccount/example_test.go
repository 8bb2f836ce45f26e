package main

import "os"

// alice, whose policy allows sts:AssumeRole, switches to PhotoEditor; bob, whose does not, is refused.
func Example() {
	set, err := design().Build()
	if err != nil {
		panic(err)
	}
	if err := tell(os.Stdout, set); err != nil {
		panic(err)
	}
	// Output:
	// arn:aws:iam::111111111111:user/alice assumes PhotoEditor: arn:aws:sts::111111111111:assumed-role/PhotoEditor/edit, expires 2026-12-07T13:00:00Z
	// the session uploads a photo:
	//     Allow: arn:aws:sts::111111111111:assumed-role/PhotoEditor/edit to perform s3:PutObject on arn:aws:s3:::photos/cat.jpg is allowed by statement 0 of the identity-based policy (edit-photos:4:5).
	// arn:aws:iam::111111111111:user/bob assumes PhotoEditor: refused: sts: AccessDenied: User: arn:aws:iam::111111111111:user/bob is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111111111111:role/PhotoEditor
	// why bob is refused:
	//     ImplicitDeny: arn:aws:iam::111111111111:user/bob sts:AssumeRole on arn:aws:iam::111111111111:role/PhotoEditor
	//     no statement allows it (identity)
	//       Allow by statement 0 of the trust policy of arn:aws:iam::111111111111:role/PhotoEditor [trust-PhotoEditor:4:5]
}
