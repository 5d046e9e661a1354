package org.checkersmtp.web;

import java.util.Locale;
import java.util.Map;
import org.checkersmtp.i18n.Catalogue;
import org.checkersmtp.options.InvalidOptionException;
import org.checkersmtp.report.Times;
import org.checkersmtp.ownership.ProvenDomains;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in user's domains (behind the login): {@code GET /domains} the list with each token to publish,
 * {@code POST /domains} asks for one more, {@code POST /domains/verify} looks its TXT record up,
 * {@code POST /domains/remove} forgets it. Each POST carries the CSRF token and answers with the page
 * again (a redirect after a change, so a reload repeats nothing).
 */
@Controller
public class DomainsController {

    static final String PAGE = "domains";

    private final ProvenDomains proofs;
    private final Catalogue catalogue;

    public DomainsController(ProvenDomains proofs, Catalogue catalogue) {
        this.proofs = proofs;
        this.catalogue = catalogue;
    }

    /** @param domain a domain to offer in the form (the /check page's refusal links here with it) */
    @GetMapping("/domains")
    public ModelAndView list(Authentication user, @RequestParam(defaultValue = "") String domain, Locale language) {
        return page(user, HttpStatus.OK, domain, null, null, language);
    }

    @PostMapping("/domains")
    public ModelAndView add(Authentication user, @RequestParam(defaultValue = "") String domain,
                            RedirectAttributes after, Locale language) {
        try {
            ProvenDomains.OwnedDomain added = proofs.request(user.getName(), domain);
            after.addFlashAttribute("notice", notice("added", added.domain(), language));
            return new ModelAndView("redirect:/domains");
        } catch (InvalidOptionException e) {
            return page(user, HttpStatus.BAD_REQUEST, domain, e.text().in(catalogue, language), e.option(), language);
        } catch (ProvenDomains.TooManyDomains e) {
            return page(user, HttpStatus.CONFLICT, domain, e.text().in(catalogue, language), null, language);
        }
    }

    @PostMapping("/domains/verify")
    public ModelAndView verify(Authentication user, @RequestParam(defaultValue = "") String domain,
                               RedirectAttributes after, Locale language) {
        ProvenDomains.Verification verification = proofs.verify(user.getName(), domain);
        if (!verification.proven()) {
            return page(user, HttpStatus.UNPROCESSABLE_CONTENT, "", verification.reason().in(catalogue, language),
                    null, language);
        }
        after.addFlashAttribute("notice", notice("proven", domain, language));
        return new ModelAndView("redirect:/domains");
    }

    @PostMapping("/domains/remove")
    public ModelAndView remove(Authentication user, @RequestParam(defaultValue = "") String domain,
                               RedirectAttributes after, Locale language) {
        proofs.remove(user.getName(), domain);
        after.addFlashAttribute("notice", notice("removed", domain, language));
        return new ModelAndView("redirect:/domains");
    }

    private String notice(String what, String domain, Locale language) {
        return catalogue.text("page.domains.notice." + what, Map.of("domain", domain), language);
    }

    private ModelAndView page(Authentication user, HttpStatus status, String domain, String error, String field,
                              Locale language) {
        ModelAndView view = new ModelAndView(PAGE, status);
        view.addObject("domains", proofs.list(user.getName()).stream().map(d -> Row.of(d, language)).toList());
        view.addObject("domain", domain);
        view.addObject("error", error);
        view.addObject("errorField", field);
        return view;
    }

    /** One domain of the list, its dates written as on the result page. */
    record Row(String domain, String recordName, String recordValue, boolean proven, String provenAt,
               String checkedAt) {

        static Row of(ProvenDomains.OwnedDomain d, Locale language) {
            return new Row(d.domain(), d.recordName(), d.recordValue(), d.proven(),
                    d.proven() ? Times.text(d.provenAt(), language) : null,
                    d.proven() ? Times.text(d.checkedAt(), language) : null);
        }
    }
}
