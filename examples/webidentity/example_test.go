package main

import "os"

// A signed-in user of the app gets a session that reads shared photos and cannot upload; a guest, or an expired token, gets none.
func Example() {
	set, err := design().Build()
	if err != nil {
		panic(err)
	}
	if err := tell(os.Stdout, set); err != nil {
		panic(err)
	}
	// Output:
	// a signed-in user: arn:aws:sts::111111111111:assumed-role/MobilePhotos/app, expires 2026-12-07T13:00:00Z
	// the app calls s3:GetObject:
	//     Allow: arn:aws:sts::111111111111:assumed-role/MobilePhotos/app to perform s3:GetObject on arn:aws:s3:::photos/shared/beach.jpg is allowed by statement 0 of the identity-based policy (read-shared-photos:4:5).
	// the app calls s3:PutObject:
	//     ImplicitDeny: arn:aws:sts::111111111111:assumed-role/MobilePhotos/app to perform s3:PutObject on arn:aws:s3:::photos/shared/beach.jpg is not authorized because no identity-based policy allows the s3:PutObject action.
	// a guest: refused: sts: AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity
	// a signed-in user with an expired token: refused: sts: ExpiredTokenException: Token expired: current date/time 1796644800 must be before the expiration date/time 1796644740
}
