package ai.softnode.accounts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The sign-up form: exactly these four fields bind, nothing else can be assigned. */
public record SignUp(@NotBlank(message = "Enter your name.") @Size(max = 100, message = "Use at most 100 characters.") String name,
		@NotBlank(message = "Enter your email address.") @Size(max = 254, message = "Use at most 254 characters.") String email,
		@NotBlank(message = "Choose a password.") @Size(max = 128, message = "Use at most 128 characters.") String password,
		@NotBlank(message = "Enter your company or project name.") @Size(max = 100, message = "Use at most 100 characters.") String company) {

	@Override
	public String toString() {
		return "SignUp[" + this.email + "]";
	}

}
