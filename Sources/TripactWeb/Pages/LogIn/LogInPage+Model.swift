/// The log-in page (`/login`). Nothing is read from the store: the model is what the form shows again after a refusal.
enum LogInPage {
    struct Model {
        /// Why the last attempt was refused, if it was.
        let message: String?
        /// The address typed (never the password).
        let email: String
    }
}
