package io.github.v8heapsnapshot.boot.web;

/**
 * Tests for the download headers on Spring MVC, over real HTTP.
 *
 * @author v8heapsnapshot developers
 */
@EndpointWebTest
class DownloadHeadersMvcWebTests extends AbstractDownloadHeadersWebTests {

}
