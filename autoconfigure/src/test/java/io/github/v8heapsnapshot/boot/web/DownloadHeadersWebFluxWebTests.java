package io.github.v8heapsnapshot.boot.web;

/**
 * Tests for the download headers on WebFlux, over real HTTP.
 *
 * @author v8heapsnapshot developers
 */
@EndpointWebTest(properties = "spring.main.web-application-type=reactive")
class DownloadHeadersWebFluxWebTests extends AbstractDownloadHeadersWebTests {

}
