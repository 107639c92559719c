fn main() {
    let token = String::from("{{mfa.-first}}");
    println!("{}", token.len());
}
