package org.checkersmtp;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
@SpringBootApplication
public class CheckerSmtpApplication {
  public static void main(String[] args) { SpringApplication.run(CheckerSmtpApplication.class, args); }
}
