//! Pages that belong to no area: the 404 for any address no route matches. The customer's
//! pages are in `web::customer`.

/// Any path no route matches (outside the API, which has its own): the 404 page.
pub async fn not_found() -> Result<actix_web::HttpResponse, crate::web::error::WebError> {
    Err(crate::web::customer::not_found())
}
